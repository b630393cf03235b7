package dev.magnetar.bench.gateway;

import dev.magnetar.bridge.reply.RequestReplyClient;
import dev.magnetar.bridge.reply.RequestReplySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.pulsar.client.api.PulsarClient;

/** The callers of the three sides: the gateway over HTTP, the HTTP echo, and raw Pulsar request/reply. */
final class GatewaySides {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);

    private GatewaySides() {
    }

    /** POSTs a small text body and expects a 200; anything else fails the call. */
    static Caller http(HttpClient client, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();
        return () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        });
    }

    /** Sends to {@code requestTopic} through Magnetar's request/reply client and expects an ok reply. */
    static Caller requestReply(RequestReplyClient client, String requestTopic) {
        return () -> client.call(requestTopic, BODY, "text/plain", Map.of(), TIMEOUT).thenApply(reply -> {
            if (reply.error() != null) {
                throw new IllegalStateException("reply error: " + reply.error());
            }
            return reply;
        });
    }

    static RequestReplyClient requestReplyClient(PulsarClient client) {
        String replyTopic = "non-persistent://public/default/bench-rr-replies-" + System.nanoTime();
        return new RequestReplyClient(client, new RequestReplySettings(replyTopic, 100_000, 16));
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

}
