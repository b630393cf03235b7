package dev.magnetar.bench.gateway;

import dev.magnetar.bench.http.HttpLoadClient;
import dev.magnetar.bench.http.HttpLoadSettings;
import dev.magnetar.gateway.reply.RequestReplyClient;
import dev.magnetar.gateway.reply.RequestReplySettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.pulsar.client.api.PulsarClient;

/** The callers of the gateway scenarios' sides: the gateway and the echo over HTTP, and raw Pulsar request/reply. */
final class GatewaySides {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);

    private GatewaySides() {
    }

    /** POSTs a small text body to {@code path} and expects a 200; anything else fails the call. */
    static Caller http(HttpLoadClient client, String path) {
        return http(client, path, Map.of());
    }

    /** {@link #http(HttpLoadClient, String)} with {@code headers} on every request, such as a bearer token. */
    static Caller http(HttpLoadClient client, String path, Map<String, String> headers) {
        return () -> client.post(path, BODY, "text/plain", headers).thenApply(answer -> {
            if (answer.status() != 200) {
                throw new IllegalStateException("HTTP " + answer.status() + ": "
                        + new String(answer.body(), StandardCharsets.UTF_8));
            }
            return answer;
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

    /** The load generator for one HTTP side, on loopback. */
    static HttpLoadClient httpClient(int port) {
        return HttpLoadClient.to("127.0.0.1", port, HttpLoadSettings.forBench(TIMEOUT));
    }

    /** A port free on this machine now, for a server the bench starts next. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
