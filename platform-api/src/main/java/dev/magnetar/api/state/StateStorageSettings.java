package dev.magnetar.api.state;

/**
 * Where function state lives, as the control plane and each replica are told: the table service's URL, or why there is
 * none. Standalone sets both from its embedded broker; elsewhere the URL is configured ({@link #URL_PROPERTY},
 * {@code stateStorageServiceUrl} in the Helm chart), like Pulsar's function worker's {@code stateStorageServiceUrl}.
 *
 * @param serviceUrl        {@code bk://host:port}, or null when there is no state storage
 * @param unavailableReason why there is none, when known; null otherwise
 */
public record StateStorageSettings(String serviceUrl, String unavailableReason) {
    /** The control plane's setting (env {@code MAGNETAR_STATE_STORAGE_URL}). */
    public static final String URL_PROPERTY = "magnetar.state.storage-url";
    public static final String UNAVAILABLE_PROPERTY = "magnetar.state.unavailable-reason";
    public static final StateStorageSettings NONE = new StateStorageSettings(null, null);

    public StateStorageSettings {
        serviceUrl = serviceUrl == null || serviceUrl.isBlank() ? null : serviceUrl.trim();
        unavailableReason = unavailableReason == null || unavailableReason.isBlank() ? null : unavailableReason;
    }

    public boolean available() {
        return serviceUrl != null;
    }

    /**
     * What a state call says when there is no state storage: the reason when known, else the setting to give
     * ({@code setting} names it as the reader knows it: an option, a property or a chart value).
     */
    public String unavailableMessage(String setting) {
        if (unavailableReason != null) {
            return "function state is not available: " + unavailableReason;
        }
        return "function state is not available: no state storage is configured; set " + setting
                + " to bk://host:port of BookKeeper's table service (Pulsar's stateStorageServiceUrl)";
    }

    /** The reason standalone gives when its broker's data directory cannot run the table service. */
    public static String rocksDbDataDir(String dataDir) {
        return "the embedded broker's data directory " + dataDir + " was created with the RocksDB metadata store,"
                + " which BookKeeper's table service cannot use; start standalone with a new data directory to use"
                + " function state (the existing one keeps its topics)";
    }
}
