package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.gateway.async.AsyncCalls;
import dev.magnetar.gateway.async.CallbackServer;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous calls outlive the gateway that accepted them: calls accepted by one gateway, whose results arrive while
 * no gateway runs, are delivered and answered by the next one.
 */
class AsyncRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int CALLS = 3;

    private final EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
    private final String input = pulsar.uniqueTopic("async-restart-in");
    private final String namespace = "async-restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private Responder responder;
    private CallbackServer callbacks;

    @BeforeEach
    void start() throws Exception {
        pulsar.admin().namespaces().createNamespace("public/" + namespace);
        responder = Responder.start(pulsar.client(), input);
        callbacks = CallbackServer.start();
    }

    @AfterEach
    void stop() {
        responder.close();
        callbacks.close();
    }

    @Test
    void callsPendingWhileTheGatewayIsReplacedAreAllAnsweredByTheNewOne() throws Exception {
        List<String> ids = new ArrayList<>();
        try (EmbeddedServer first = gateway()) {
            for (int i = 0; i < CALLS; i++) {
                HttpResponse<String> accepted = post(first, Responder.HOLD + "-" + i, callbacks.url("/restart"));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                ids.add(accepted.headers().firstValue("X-Call-Id").orElseThrow());
            }
            assertThat(get(first, ids.get(0)).statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> responder.heldCount() == CALLS);
        }

        // The function answers while no gateway runs: the results wait on the shared topic.
        responder.releaseHeld();

        try (EmbeddedServer second = gateway()) {
            await().atMost(WAIT).until(() -> callbacks.receivedAt("/restart").size() >= CALLS);

            assertThat(callbacks.receivedAt("/restart")).extracting(post -> post.header("X-Call-Id"))
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(callbacks.receivedAt("/restart")).extracting(CallbackServer.Received::text)
                    .containsExactlyInAnyOrder("HOLD-0", "HOLD-1", "HOLD-2");
            for (String id : ids) {
                HttpResponse<String> done = get(second, id);
                assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
                assertThat(done.body()).contains("\"state\":\"done\"");
            }
            MeterRegistry metrics = second.getApplicationContext().getBean(MeterRegistry.class);
            assertThat(metrics.counter("magnetar.gateway.async.callback.delivered").count()).isEqualTo(CALLS);
        }
    }

    private EmbeddedServer gateway() throws Exception {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "magnetar.pulsar.service-url", pulsar.serviceUrl(),
                "magnetar.pulsar.admin-url", pulsar.adminUrl(),
                "magnetar.gateway.reply-namespace", namespace,
                TestFunctionDirectory.ENABLED, "true"));
        ApplicationContext context = server.getApplicationContext();
        context.getBean(TestFunctionDirectory.class)
                .add(TestFunctionDirectory.function("public", "default", "echo", input, 10_000));
        context.getBean(AsyncCalls.class).ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return server;
    }

    private HttpResponse<String> post(EmbeddedServer server, String body, String callbackUrl) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/async-function/public/default/echo"))
                .header("X-Callback-Url", callbackUrl).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(EmbeddedServer server, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/calls/" + id)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
