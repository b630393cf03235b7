package dev.magnetar.operator.resources;

import java.time.Duration;

/**
 * What every function's Deployment shares, set by the operator rather than the Function. No Pulsar credentials: each
 * function brings its own ({@code spec.pulsarAuth}), and the operator's own never reach a function.
 *
 * @param defaultImage        runtime image used when {@code spec.runtime.image} is not set
 * @param pulsarServiceUrl    binary protocol URL the replicas connect to
 * @param httpPort            port of the runtime's HTTP server (health, readiness, metrics, invoke)
 * @param rolloutDeadline     how long a new version's pods may take to become ready before its rollout has
 *                            failed (the Deployment's progress deadline) and is rolled back
 * @param pulsarAdminUrl      the cluster's admin URL, which a function's {@code Context.getPulsarAdmin()} connects to
 *                            with the function's own token; null: functions get no admin client
 * @param stateStorageUrl     {@code bk://host:port} of BookKeeper's table service, where functions keep their state
 *                            (Pulsar's {@code stateStorageServiceUrl}); null when there is none
 */
public record RuntimeSettings(
        String defaultImage,
        String pulsarServiceUrl,
        int httpPort,
        Duration rolloutDeadline,
        String pulsarAdminUrl,
        String stateStorageUrl) {

    /** Without an admin URL for functions, without state storage. */
    public RuntimeSettings(String defaultImage, String pulsarServiceUrl, int httpPort, Duration rolloutDeadline) {
        this(defaultImage, pulsarServiceUrl, httpPort, rolloutDeadline, null, null);
    }

    public static final int DEFAULT_HTTP_PORT = 9090;
    public static final Duration DEFAULT_ROLLOUT_DEADLINE = Duration.ofMinutes(2);
}
