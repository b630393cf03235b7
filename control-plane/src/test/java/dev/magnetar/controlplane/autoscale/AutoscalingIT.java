package dev.magnetar.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone autoscaler on the real broker with replicas as real processes: to zero when idle and back on a
 * message or a gateway call, and a burst scaled up to the maximum and back with no message lost.
 */
class AutoscalingIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path dataDir;
    static EmbeddedPulsar pulsar;
    static ControlPlane plane;
    static ControlPlaneClient client;

    @BeforeAll
    static void start() {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(),
                pulsar.adminUrl())), Samples.allowJars(Map.of("magnetar.replicas.limits.start-interval", "100ms")));
        client = new ControlPlaneClient(plane.url());
    }

    @AfterAll
    static void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void anIdleFunctionGoesToZeroAndAMessageBringsItBack() throws Exception {
        String input = pulsar.uniqueTopic("zero-in");
        String output = pulsar.uniqueTopic("zero-out");
        Function function = Samples.exclamation(input, output, 1);
        function.getSpec().setReplicas(null);
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 2, 10L, null, null, 2, null, 0, null));
        assertThat(client.create("to-zero", Samples.json(function)).statusCode()).isEqualTo(200);

        JsonNode idle = client.status("to-zero");
        assertThat(idle.path("instances")).as("a function at min 0 starts idle").isEmpty();
        assertThat(idle.at("/autoscaling/idle").asBoolean()).isTrue();

        try (Consumer<String> out = pulsar.client().newConsumer(Schema.STRING).topic(output).subscriptionName("it")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             Producer<String> in = pulsar.client().newProducer(Schema.STRING).topic(input).create()) {
            in.send("wake");
            Message<String> answer = out.receive(120, TimeUnit.SECONDS);
            assertThat(answer).as("the message woke a replica that processed it").isNotNull();
            assertThat(answer.getValue()).isEqualTo("wake!");
        }
        assertThat(client.status("to-zero").at("/autoscaling/lastScale/reason").asText()).startsWith("woken from zero");

        await().atMost(WAIT).until(() -> client.status("to-zero").path("instances").isEmpty());
        JsonNode back = client.status("to-zero");
        assertThat(back.at("/autoscaling/desiredReplicas").asInt()).isZero();
        assertThat(back.at("/autoscaling/lastScale/reason").asText()).startsWith("idle for");
        assertThat(client.delete("to-zero").statusCode()).isEqualTo(204);
    }

    @Test
    void aGatewayCallToAFunctionAtZeroIsAnswered() {
        Function function = Samples.exclamation(pulsar.uniqueTopic("call-in"), null, 1);
        function.getSpec().setReplicas(null);
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 1, null, null, null, 60, null, null, null));
        assertThat(client.create("called-at-zero", Samples.json(function)).statusCode()).isEqualTo(200);
        assertThat(client.status("called-at-zero").path("instances")).isEmpty();

        HttpResponse<String> answer = client.invoke("called-at-zero", "cold");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("cold!");
        assertThat(client.delete("called-at-zero").statusCode()).isEqualTo(204);
    }

    @Test
    void anAsynchronousCallToAFunctionAtZeroIsAnswered() {
        Function function = Samples.exclamation(pulsar.uniqueTopic("later-in"), null, 1);
        function.getSpec().setReplicas(null);
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 1, null, null, null, 60, null, null, null));
        assertThat(client.create("later-at-zero", Samples.json(function)).statusCode()).isEqualTo(200);

        HttpResponse<String> accepted = client.invokeLater("later-at-zero", "queued");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String callId = accepted.headers().firstValue("X-Call-Id").orElseThrow();
        await().atMost(WAIT).until(() -> client.get("/calls/" + callId).statusCode() == 200);
        assertThat(ControlPlaneClient.json(client.get("/calls/" + callId).body()).path("body").asText())
                .isEqualTo("queued!");
        assertThat(client.delete("later-at-zero").statusCode()).isEqualTo(204);
    }

    @Test
    void aBurstScalesToTheMaximumAndBackWithNoMessageLost() throws Exception {
        int messages = 50_000;
        String input = pulsar.uniqueTopic("burst-in");
        String output = pulsar.uniqueTopic("burst-out");
        Function function = Samples.slowEnrich(input, 5, 30_000);
        function.getSpec().setOutput(output);
        function.getSpec().setReplicas(null);
        function.getSpec().setConcurrency(4);
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, 1000L, null, null, null, null, 2, null));
        assertThat(client.create("burst", Samples.json(function)).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> client.readyInstances("burst") == 1);

        Set<String> ids = new HashSet<>();
        AtomicInteger most = new AtomicInteger();
        try (Consumer<byte[]> out = pulsar.client().newConsumer().topic(output).subscriptionName("it")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             // Unbatched: Pulsar counts a batch once in a subscription's backlog.
             Producer<byte[]> in = pulsar.client().newProducer().topic(input).enableBatching(false)
                     .blockIfQueueFull(true).create()) {
            for (int i = 0; i < messages; i++) {
                in.sendAsync(("{\"id\":\"" + i + "\",\"customer\":\"c" + (i % 7) + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            in.flush();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (ids.size() < messages && System.nanoTime() < deadline) {
                Message<byte[]> message = out.receive(1, TimeUnit.SECONDS);
                most.accumulateAndGet(client.status("burst").path("instances").size(), Math::max);
                if (message != null) {
                    ids.add(ClientJson.id(message.getData()));
                    out.acknowledge(message);
                    drain(out, ids);
                }
            }
        }

        assertThat(ids).as("every message processed").hasSize(messages);
        assertThat(most.get()).as("replicas at the peak").isEqualTo(4);
        await().atMost(WAIT).until(() -> client.status("burst").path("instances").size() == 1);
        assertThat(client.status("burst").at("/autoscaling/lastScale/to").asInt()).isEqualTo(1);
        assertThat(client.get("/metrics").body())
                .contains("magnetar_autoscaler_decisions_total{direction=\"up\",function=\"public/default/burst\"}")
                .contains("magnetar_autoscaler_desired_replicas{function=\"public/default/burst\"} 1.0");
        assertThat(client.delete("burst").statusCode()).isEqualTo(204);
    }

    /** What is already there, without waiting, so the status is polled about once a second. */
    private static void drain(Consumer<byte[]> out, Set<String> ids) throws Exception {
        Message<byte[]> message;
        while ((message = out.receive(0, TimeUnit.MILLISECONDS)) != null) {
            ids.add(ClientJson.id(message.getData()));
            out.acknowledge(message);
        }
    }

    /** The order id of an enriched order. */
    private static final class ClientJson {
        static String id(byte[] json) throws Exception {
            return ControlPlaneClient.json(new String(json, StandardCharsets.UTF_8)).get("id").asText();
        }
    }
}
