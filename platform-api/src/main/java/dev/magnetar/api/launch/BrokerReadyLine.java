package dev.magnetar.api.launch;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded broker's announcement on standard output, printed by the broker JVM and read by its
 * launcher: {@code MAGNETAR_BROKER_READY serviceUrl=U adminUrl=U [tlsServiceUrl=U] [tlsAdminUrl=U] dataDir=PATH}
 * once clients can connect, or {@code MAGNETAR_BROKER_FAILED <reason>}. The data directory comes last and runs to
 * the end of the line, so it may contain spaces. The launcher stops the broker by writing {@link #STOP} on its
 * standard input.
 *
 * @param tlsServiceUrl the {@code pulsar+ssl://} URL when the broker serves the binary protocol over TLS, else null
 * @param tlsAdminUrl   the {@code https://} URL when the broker serves its admin API over TLS, else null
 * @param stateStorageUrl the {@code bk://} URL of BookKeeper's table service (function state), or null when the broker
 *                      runs without it
 */
public record BrokerReadyLine(String serviceUrl, String adminUrl, String tlsServiceUrl, String tlsAdminUrl,
                              String stateStorageUrl, Path dataDir) {
    public static final String READY = "MAGNETAR_BROKER_READY";
    public static final String FAILED = "MAGNETAR_BROKER_FAILED";
    /** The line a broker's launcher writes on the broker's standard input to stop it. */
    public static final String STOP = "MAGNETAR_BROKER_STOP";
    /** The broker's TLS key store password: in its environment, never on its command line. */
    public static final String TLS_KEY_STORE_PASSWORD_ENV = "MAGNETAR_BROKER_TLS_KEY_STORE_PASSWORD";
    private static final String DATA_DIR_KEY = " dataDir=";

    public BrokerReadyLine(String serviceUrl, String adminUrl, Path dataDir) {
        this(serviceUrl, adminUrl, null, null, null, dataDir);
    }

    public BrokerReadyLine(String serviceUrl, String adminUrl, String tlsServiceUrl, String tlsAdminUrl, Path dataDir) {
        this(serviceUrl, adminUrl, tlsServiceUrl, tlsAdminUrl, null, dataDir);
    }

    /** The line that announces this broker. */
    public String format() {
        return READY + " serviceUrl=" + serviceUrl + " adminUrl=" + adminUrl
                + (tlsServiceUrl == null ? "" : " tlsServiceUrl=" + tlsServiceUrl)
                + (tlsAdminUrl == null ? "" : " tlsAdminUrl=" + tlsAdminUrl)
                + (stateStorageUrl == null ? "" : " stateStorageUrl=" + stateStorageUrl) + DATA_DIR_KEY + dataDir;
    }

    /** The line that reports a failed start; the reason is folded onto one line. */
    public static String failedLine(String reason) {
        return FAILED + " " + reason.replaceAll("\\s+", " ");
    }

    public static Optional<BrokerReadyLine> parse(String line) {
        if (!line.startsWith(READY + " ")) {
            return Optional.empty();
        }
        int dataDir = line.indexOf(DATA_DIR_KEY);
        if (dataDir < 0) {
            return Optional.empty();
        }
        // The words come before the data directory, whose path may hold anything.
        String words = line.substring(0, dataDir);
        String serviceUrl = word(words, "serviceUrl=");
        String adminUrl = word(words, "adminUrl=");
        if (serviceUrl == null || adminUrl == null) {
            return Optional.empty();
        }
        return Optional.of(new BrokerReadyLine(serviceUrl, adminUrl, word(words, "tlsServiceUrl="),
                word(words, "tlsAdminUrl="), word(words, "stateStorageUrl="),
                Path.of(line.substring(dataDir + DATA_DIR_KEY.length()))));
    }

    /** The reason of a {@code MAGNETAR_BROKER_FAILED <reason>} line. */
    public static Optional<String> failure(String line) {
        return line.startsWith(FAILED) ? Optional.of(line.substring(FAILED.length()).trim()) : Optional.empty();
    }

    private static String word(String line, String key) {
        int start = line.indexOf(" " + key);
        if (start < 0) {
            return null;
        }
        start += key.length() + 1;
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }
}
