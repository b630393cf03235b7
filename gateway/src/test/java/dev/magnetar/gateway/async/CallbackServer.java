package dev.magnetar.gateway.async;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback receiver on loopback: records every post, and answers the first {@code failures} with 503 (as a
 * receiver that is down for a moment), the rest with 200 or with {@link #answerWith}'s status.
 */
public final class CallbackServer implements AutoCloseable {
    /** One post the server received. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, int answered) {
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int status = 200;

    private CallbackServer(HttpServer server) {
        this.server = server;
    }

    public static CallbackServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CallbackServer callbacks = new CallbackServer(http);
        http.createContext("/", callbacks::handle);
        http.start();
        return callbacks;
    }

    /** The URL of {@code path} on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code count} posts are answered 503. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** Posts past the failures are answered {@code code}. */
    public void answerWith(int code) {
        status = code;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The posts made to {@code path}. */
    public List<Received> receivedAt(String path) {
        return received.stream().filter(post -> post.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int code = failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? 503 : status;
        received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body,
                code));
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }
}
