package dev.magnetar.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With an access token, the replica's status and invoke routes need it; probes and metrics stay open. */
class RuntimeHttpAccessTest {
    private static final String TOKEN = "replica-token";
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private RuntimeHttpServer server;

    @BeforeEach
    void start() throws Exception {
        RuntimeMetrics metrics = new RuntimeMetrics("public/default/web", 0);
        var definition = Definitions.define("web", "a.B", Path.of("/x.jar"), "in", "out");
        ContextResources resources = new ContextResources(ResolvedFunction.of(definition), "0", 0, null, null,
                metrics, LoggerFactory.getLogger("web"), Map.of(), e -> { });
        FunctionInvoker invoker = new FunctionInvoker(LoadedFunction.wrap(new PoisonFunction(), getClass().getClassLoader()),
                resources, threads, 5_000);
        server = RuntimeHttpServer.start(0, new RuntimeConfig.HttpAccess("127.0.0.1", TOKEN), () -> true, metrics,
                invoker, threads);
    }

    @AfterEach
    void stop() {
        server.close();
        threads.shutdownNow();
    }

    @Test
    void probesAndMetricsAnswerWithoutAToken() throws Exception {
        assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/readyz", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void statusAndInvokeNeedTheAccessToken() throws Exception {
        for (String[] route : new String[][] {{"GET", "/status"}, {"POST", "/invoke"}}) {
            HttpResponse<String> anonymous = send(route[0], route[1], null);
            assertThat(anonymous.statusCode()).as(route[1]).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(send(route[0], route[1], "Bearer wrong").statusCode()).as(route[1]).isEqualTo(401);
            assertThat(send(route[0], route[1], "Basic " + TOKEN).statusCode()).as(route[1]).isEqualTo(401);
        }

        assertThat(send("GET", "/status", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> invoked = send("POST", "/invoke", "bearer " + TOKEN);
        assertThat(invoked.statusCode()).isEqualTo(200);
        assertThat(invoked.body()).isEqualTo("hello!");
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("hello")
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
