package dev.magnetar.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplicaStatusJson;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.runtime.codec.InputRejectedException;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.config.RuntimeConfig;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's HTTP port (plain JDK server: no framework to start). {@code /healthz}: the
 * process is alive. {@code /readyz}: 200 once subscribed, 503 before and while shutting down.
 * {@code /metrics}: Prometheus text. {@code /status}: JSON {@link ReplicaStatusReport} (counts, last
 * minute, latest exceptions) for the control plane's Pulsar-style status. {@code POST /invoke}:
 * calls the function directly with the request body, without Pulsar. With an access token set, {@code /status} and
 * {@code /invoke} need it as a bearer token; the probes and metrics stay open to kubelet and Prometheus.
 */
public final class RuntimeHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeHttpServer.class);
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final String BEARER = "Bearer ";

    private final HttpServer server;
    private final BooleanSupplier ready;
    private final RuntimeMetrics metrics;
    private final FunctionInvoker invoker;
    private final byte[] accessToken;

    private RuntimeHttpServer(HttpServer server, BooleanSupplier ready, RuntimeMetrics metrics, FunctionInvoker invoker,
                              String accessToken) {
        this.server = server;
        this.ready = ready;
        this.metrics = metrics;
        this.invoker = invoker;
        this.accessToken = accessToken == null || accessToken.isBlank() ? null : accessToken.getBytes(StandardCharsets.UTF_8);
    }

    public static RuntimeHttpServer start(int port, RuntimeConfig.HttpAccess access, BooleanSupplier ready,
                                          RuntimeMetrics metrics, FunctionInvoker invoker, ExecutorService executor)
            throws IOException {
        InetSocketAddress address = access.host() == null || access.host().isBlank()
                ? new InetSocketAddress(port) : new InetSocketAddress(access.host(), port);
        HttpServer server = HttpServer.create(address, 64);
        RuntimeHttpServer http = new RuntimeHttpServer(server, ready, metrics, invoker, access.token());
        server.createContext("/healthz", exchange -> http.respond(exchange, 200, Payload.TEXT, "ok"));
        server.createContext("/readyz", http::readiness);
        server.createContext("/metrics", exchange -> http.respond(exchange, 200, PROMETHEUS, metrics.scrape()));
        server.createContext(ReplicaStatusReport.PATH, http.guarded(http::status));
        server.createContext("/invoke", http.guarded(http::invoke));
        server.setExecutor(executor);
        server.start();
        return http;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            if (accessToken == null || presented(exchange)) {
                handler.handle(exchange);
                return;
            }
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"magnetar-replica\"");
            respond(exchange, 401, Payload.TEXT, "this route needs the replica's access token as a bearer token");
        };
    }

    /** Compared in constant time: the answer's timing tells nothing about a guess. */
    private boolean presented(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] token = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(accessToken, token);
    }

    private void readiness(HttpExchange exchange) throws IOException {
        boolean isReady = ready.getAsBoolean();
        respond(exchange, isReady ? 200 : 503, Payload.TEXT, isReady ? "ready" : "not ready: not subscribed to the input");
    }

    private void status(HttpExchange exchange) throws IOException {
        respond(exchange, 200, JSON, ReplicaStatusJson.write(metrics.activity().report()));
    }

    private void invoke(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Allow", "POST");
            respond(exchange, 405, Payload.TEXT, "use POST with the input as the request body");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        try {
            Payload result = invoker.invoke(body, headers(exchange)).get();
            metrics.invokedDirectly(true);
            respond(exchange, 200, result == null ? Payload.BINARY : result.contentType(),
                    result == null ? new byte[0] : result.bytes());
        } catch (ExecutionException e) {
            metrics.invokedDirectly(false);
            // A body that cannot be read as the input is the caller's to fix; the message says how.
            boolean rejected = FunctionInvoker.unwrap(e) instanceof InputRejectedException;
            respond(exchange, rejected ? 400 : 500, Payload.TEXT, rejected ? FunctionInvoker.unwrap(e).getMessage()
                    : FunctionInvoker.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, Payload.TEXT, "the replica is shutting down");
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> properties = new HashMap<>();
        copy(exchange, "Content-Type", MessageProperties.CONTENT_TYPE, properties);
        copy(exchange, "traceparent", MessageProperties.TRACEPARENT, properties);
        return properties;
    }

    private static void copy(HttpExchange exchange, String header, String property, Map<String, String> into) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            into.put(property, value);
        }
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.debug("HTTP client went away: {}", e.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
