package dev.magnetar.api.launch;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded broker's announcement on standard output, printed by the broker JVM and read by its
 * launcher: {@code MAGNETAR_BROKER_READY serviceUrl=U adminUrl=U dataDir=PATH} once clients can
 * connect, or {@code MAGNETAR_BROKER_FAILED <reason>}. The data directory comes last and runs to the
 * end of the line, so it may contain spaces. The launcher stops the broker by writing {@link #STOP} on
 * its standard input.
 */
public record BrokerReadyLine(String serviceUrl, String adminUrl, Path dataDir) {
    public static final String READY = "MAGNETAR_BROKER_READY";
    public static final String FAILED = "MAGNETAR_BROKER_FAILED";
    /** The line a broker's launcher writes on the broker's standard input to stop it. */
    public static final String STOP = "MAGNETAR_BROKER_STOP";

    /** The line that announces this broker. */
    public String format() {
        return READY + " serviceUrl=" + serviceUrl + " adminUrl=" + adminUrl + " dataDir=" + dataDir;
    }

    /** The line that reports a failed start; the reason is folded onto one line. */
    public static String failedLine(String reason) {
        return FAILED + " " + reason.replaceAll("\\s+", " ");
    }

    public static Optional<BrokerReadyLine> parse(String line) {
        if (!line.startsWith(READY + " ")) {
            return Optional.empty();
        }
        String serviceUrl = word(line, "serviceUrl=");
        String adminUrl = word(line, "adminUrl=");
        int dataDir = line.indexOf(" dataDir=");
        if (serviceUrl == null || adminUrl == null || dataDir < 0) {
            return Optional.empty();
        }
        return Optional.of(new BrokerReadyLine(serviceUrl, adminUrl,
                Path.of(line.substring(dataDir + " dataDir=".length()))));
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
