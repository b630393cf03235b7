package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.gateway.reply.RequestReplyClient;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;


/**
 * The gateway of a real control plane, through real replicas: the exclamation sample for the
 * happy path, async-enrich with a lookup slower than its timeout for 504 and 429.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String SLOW_ORDER = "{\"id\":\"o-1\",\"customer\":\"acme\"}";

    @TempDir
    static Path dataDir;
    ControlPlane plane;
    ControlPlaneClient client;

    @BeforeAll
    void start() {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Samples.allowJars(Map.of("magnetar.gateway.max-pending", 1, "magnetar.gateway.max-body-bytes", 1024)));
        client = new ControlPlaneClient(plane.url());
        assertThat(client.create("exclamation", Samples.json(Samples.exclamation(
                pulsar.uniqueTopic("gw-in"), pulsar.uniqueTopic("gw-out"), 1))).statusCode()).isEqualTo(200);
        assertThat(client.create("slow", Samples.json(Samples.slowEnrich(pulsar.uniqueTopic("gw-slow"), 20_000, 1_500)))
                .statusCode()).isEqualTo(200);
        await().atMost(READY).until(() -> client.readyInstances("exclamation") == 1 && client.readyInstances("slow") == 1);
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void answersWithTheFunctionsOutput() {
        HttpResponse<String> response = client.invoke("exclamation", "hello");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello!");
    }

    @Test
    void anUnknownFunctionIs404() {
        HttpResponse<String> response = client.invoke("nothing-here", "hello");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("public/default/nothing-here");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        HttpResponse<String> response = client.invoke("exclamation", "x".repeat(2048));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aFunctionSlowerThanItsTimeoutIs504() {
        long started = System.nanoTime();
        HttpResponse<String> response = client.invoke("slow", SLOW_ORDER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aRequestBeyondMaxPendingIs429AndTheTableEmptiesAgain() throws Exception {
        RequestReplyClient gateway = plane.context().getBean(RequestReplyClient.class);
        CompletableFuture<HttpResponse<String>> waiting = client.invokeAsync("slow", SLOW_ORDER);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.pendingCount() == 1);

        HttpResponse<String> refused = client.invoke("exclamation", "one too many");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(ControlPlaneClient.json(refused.body()).get("reason").asText()).contains("max-pending=1");
        assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.pendingCount() == 0);
        assertThat(client.invoke("exclamation", "again").body()).isEqualTo("again!");
    }
}
