package dev.magnetar.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.protocol.ReplicaStatusJson;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.runtime.config.RuntimeConfig;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.PoisonFunction;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;


/** The HTTP endpoints with a real function and no Pulsar at all. */
class RuntimeHttpServerTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final RuntimeMetrics metrics = new RuntimeMetrics("public/default/web", 0);
    private RuntimeHttpServer server;

    @BeforeEach
    void start() throws Exception {
        var definition = Definitions.define("web", "a.B", Path.of("/x.jar"), "in", "out");
        ContextResources resources = new ContextResources(ResolvedFunction.of(definition), "0", 0, null, null,
                metrics, LoggerFactory.getLogger("web"), Map.of(), e -> { });
        FunctionInvoker invoker = new FunctionInvoker(LoadedFunction.wrap(new PoisonFunction(), getClass().getClassLoader()),
                resources, threads, 5_000);
        server = RuntimeHttpServer.start(0, new RuntimeConfig.HttpAccess("127.0.0.1", null), ready::get, metrics, invoker,
                threads);
    }

    @AfterEach
    void stop() {
        server.close();
        threads.shutdownNow();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void healthIsAlwaysOkAndReadinessFollowsTheSubscription() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        ready.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void invokesTheFunctionDirectly() throws Exception {
        HttpResponse<String> ok = post("/invoke", "hello");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hello!");
        assertThat(ok.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");

        HttpResponse<String> failed = post("/invoke", "poison");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("IllegalArgumentException: refusing poison payload 'poison'");

        assertThat(get("/invoke").statusCode()).isEqualTo(405);
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        post("/invoke", "hello");
        metrics.received();
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("magnetar_messages_received_total{function=\"public/default/web\",instance=\"0\"} 1.0")
                .contains("magnetar_messages_processed_total")
                .contains("magnetar_messages_failed_total")
                .contains("magnetar_process_latency_seconds_bucket")
                .contains("magnetar_invoke_direct_total{function=\"public/default/web\",instance=\"0\",outcome=\"ok\"} 1.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void statusReportsTheLatestUserExceptionsAsJson() throws Exception {
        metrics.received();
        metrics.invoked();
        metrics.failed(2_000_000, "IllegalArgumentException: refusing poison payload 'poison'");
        metrics.received();
        metrics.processed(1_000_000);

        HttpResponse<String> response = get("/status");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        ReplicaStatusReport report = ReplicaStatusJson.read(response.body());
        assertThat(report.received()).isEqualTo(2);
        assertThat(report.processed()).isEqualTo(1);
        assertThat(report.userExceptions()).isEqualTo(1);
        assertThat(report.lastInvocationMs()).isPositive();
        assertThat(report.latestUserExceptions()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("IllegalArgumentException: refusing poison payload 'poison'");
            assertThat(e.timestampMs()).isPositive();
        });
        assertThat(report.oneMin().received()).isEqualTo(2);
        assertThat(report.oneMin().userExceptions()).isEqualTo(1);
        assertThat(report.oneMin().avgProcessLatencyMs()).isEqualTo(1.5);
    }
}
