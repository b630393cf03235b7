package dev.magnetar.bench.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts ready replicas in a {@code .../status} answer ({@code "ready":true} per instance), without a JSON library. */
final class ReadyCount {
    private static final Pattern READY = Pattern.compile("\"ready\"\\s*:\\s*true");

    private ReadyCount() {
    }

    static int of(String statusJson) {
        Matcher m = READY.matcher(statusJson);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
