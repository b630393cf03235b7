package dev.magnetar.controller.api.pulsar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a replica's counters from its Prometheus {@code /metrics}; a replica that does not answer counts zero. */
final class ReplicaMetrics {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Counters of one replica since it started; latency in seconds. */
    record Counters(long received, long processed, long failed, double latencySum, long latencyCount) {
        static final Counters NONE = new Counters(0, 0, 0, 0, 0);

        /** Average processing latency in milliseconds, 0 when nothing was processed. */
        double averageLatencyMs() {
            return latencyCount == 0 ? 0 : latencySum * 1000 / latencyCount;
        }
    }

    private ReplicaMetrics() {
    }

    static Counters scrape(int httpPort) {
        if (httpPort <= 0) {
            return Counters.NONE;
        }
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Counters.NONE;
        } catch (java.io.IOException e) {
            return Counters.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Counters.NONE;
        }
    }

    /** Sums each counter over its label sets (one replica serves one function, so normally one each). */
    static Counters parse(String prometheusText) {
        long received = 0;
        long processed = 0;
        long failed = 0;
        double latencySum = 0;
        long latencyCount = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = indexOfAny(line, '{', ' ');
            if (nameEnd >= line.length()) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            double value = value(line, nameEnd);
            switch (name) {
                case "magnetar_messages_received_total" -> received += (long) value;
                case "magnetar_messages_processed_total" -> processed += (long) value;
                case "magnetar_messages_failed_total" -> failed += (long) value;
                case "magnetar_process_latency_seconds_sum" -> latencySum += value;
                case "magnetar_process_latency_seconds_count" -> latencyCount += (long) value;
                default -> { }
            }
        }
        return new Counters(received, processed, failed, latencySum, latencyCount);
    }

    /** {@code name{labels} value [timestamp]} or {@code name value [timestamp]}: the first number after the name. */
    private static double value(String line, int nameEnd) {
        int labelsEnd = line.charAt(nameEnd) == '{' ? line.indexOf('}', nameEnd) + 1 : nameEnd;
        String[] parts = line.substring(labelsEnd).trim().split("\\s+");
        try {
            return Double.parseDouble(parts[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int indexOfAny(String line, char first, char second) {
        int a = line.indexOf(first);
        int b = line.indexOf(second);
        if (a < 0) {
            return b < 0 ? line.length() : b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
