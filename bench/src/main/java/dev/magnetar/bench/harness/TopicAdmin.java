package dev.magnetar.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two facts scale-out needs from the broker's admin REST API, read without a JSON library. */
public final class TopicAdmin {
    private static final Pattern PARTITIONS = Pattern.compile("\"partitions\"\\s*:\\s*(\\d+)");
    private static final Pattern ENTRIES = Pattern.compile("\"numberOfEntries\"\\s*:\\s*(\\d+)");
    private static final Pattern CONSUMER = Pattern.compile("\"consumerName\"\\s*:");

    private final String adminUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TopicAdmin(String adminUrl) {
        this.adminUrl = adminUrl;
    }

    /** The topic's partitioned metadata: 0 for a non-partitioned topic. */
    public int partitions(String topic) throws IOException {
        return partitionsIn(get(restPath(topic) + "/partitions"));
    }

    /** The topic's stats JSON (subscriptions with their consumers). */
    public String stats(String topic) throws IOException {
        return get(restPath(topic) + "/stats");
    }

    /** Entries (batches) stored for the topic, from its internal stats. */
    public long entries(String topic) throws IOException {
        return entriesIn(get(restPath(topic) + "/internalStats"));
    }

    static long entriesIn(String internalStatsJson) {
        Matcher m = ENTRIES.matcher(internalStatsJson);
        if (!m.find()) {
            throw new IllegalStateException("no 'numberOfEntries' in the internal stats " + internalStatsJson);
        }
        return Long.parseLong(m.group(1));
    }

    static int partitionsIn(String json) {
        Matcher m = PARTITIONS.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no 'partitions' in the partitioned metadata " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Consumers listed in a topic's stats (all subscriptions; the bench's input topics have one). */
    public static int consumersIn(String statsJson) {
        Matcher m = CONSUMER.matcher(statsJson);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** {@code persistent://t/n/x} → {@code /admin/v2/persistent/t/n/x}. */
    static String restPath(String topic) {
        int scheme = topic.indexOf("://");
        if (scheme < 0) {
            throw new IllegalArgumentException("topic '" + topic + "' is not fully qualified: write persistent://tenant/namespace/name");
        }
        return "/admin/v2/" + topic.substring(0, scheme) + "/" + topic.substring(scheme + 3);
    }

    private String get(String path) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
