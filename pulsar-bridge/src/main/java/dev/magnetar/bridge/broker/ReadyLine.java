package dev.magnetar.bridge.broker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The broker's announcement {@code MAGNETAR_BROKER_READY serviceUrl=U adminUrl=U dataDir=PATH}.
 * The data directory comes last and runs to the end of the line, so it may contain spaces.
 */
record ReadyLine(String serviceUrl, String adminUrl, Path dataDir) {
    static final String READY = "MAGNETAR_BROKER_READY";
    static final String FAILED = "MAGNETAR_BROKER_FAILED";

    static Optional<ReadyLine> parse(String line) {
        if (!line.startsWith(READY + " ")) {
            return Optional.empty();
        }
        String serviceUrl = word(line, "serviceUrl=");
        String adminUrl = word(line, "adminUrl=");
        int dataDir = line.indexOf(" dataDir=");
        if (serviceUrl == null || adminUrl == null || dataDir < 0) {
            return Optional.empty();
        }
        return Optional.of(new ReadyLine(serviceUrl, adminUrl, Path.of(line.substring(dataDir + " dataDir=".length()))));
    }

    /** The reason of a {@code MAGNETAR_BROKER_FAILED <reason>} line. */
    static Optional<String> failure(String line) {
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
