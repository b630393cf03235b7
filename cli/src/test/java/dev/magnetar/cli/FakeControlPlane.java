package dev.magnetar.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the control plane's HTTP API, to test what the CLI sends and how it reads answers
 * (the real control plane is exercised by StandaloneE2E). Answers every request with one canned reply.
 */
public final class FakeControlPlane implements AutoCloseable {
    /** What the CLI sent. */
    public record Request(String method, String path, String timeoutHeader, String contentType, String body, String authorization) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private record Answer(int status, String contentType, String body) {
    }

    private final Map<String, Answer> byMethod = new ConcurrentHashMap<>();
    private volatile Answer fallback = new Answer(200, "application/json", "");

    public FakeControlPlane() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] received = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Magnetar-Timeout-Ms"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(received, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Authorization")));
            Answer reply = byMethod.getOrDefault(exchange.getRequestMethod(), fallback);
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public FakeControlPlane answer(int status, String body) {
        return answer(status, "application/json", body);
    }

    public FakeControlPlane answer(int status, String contentType, String body) {
        this.fallback = new Answer(status, contentType, body);
        return this;
    }

    /** A different answer for one HTTP method (e.g. GET 404 then POST 200). */
    public FakeControlPlane answer(String method, int status, String body) {
        byMethod.put(method, new Answer(status, "application/json", body));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return requests;
    }

    public Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
