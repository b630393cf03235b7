package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.policies.data.FunctionStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function's stats count the work of every process its replicas ran, not only of the current ones. */
class StatsAcrossRestartsIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void totalsKeepWhatAReplicaProcessedBeforeItWasKilled() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        String input = pulsar.uniqueTopic("counted-in");
        try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), Samples.allowJars());
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build()) {
            ControlPlaneClient client = new ControlPlaneClient(plane.url());
            assertThat(client.create("counted", Samples.json(Samples.exclamation(input, pulsar.uniqueTopic("counted-out"), 1)))
                    .statusCode()).isEqualTo(200);
            await().atMost(WITHIN).until(() -> client.readyInstances("counted") == 1);
            publish(pulsar, input, 20);
            awaitTotals(admin, 20);
            await("every message acknowledged").atMost(WITHIN).until(() -> client.status("counted").path("backlog").asLong() == 0);

            long killed = client.status("counted").at("/instances/0/pid").asLong();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            await("a new replica process").atMost(WITHIN).until(() -> client.readyInstances("counted") == 1
                    && client.status("counted").at("/instances/0/pid").asLong() != killed);
            publish(pulsar, input, 15);

            awaitTotals(admin, 35);
            FunctionStats stats = admin.functions().getFunctionStats("public", "default", "counted");
            assertThat(stats.getInstances()).singleElement().satisfies(instance ->
                    assertThat(instance.getMetrics().getProcessedSuccessfullyTotal()).isEqualTo(35));
        }
    }

    private static void publish(EmbeddedPulsar pulsar, String topic, int count) throws Exception {
        try (Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES).topic(topic).create()) {
            for (int i = 0; i < count; i++) {
                producer.send(("m" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void awaitTotals(PulsarAdmin admin, long expected) {
        await(expected + " received and processed in the totals").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    FunctionStats stats = admin.functions().getFunctionStats("public", "default", "counted");
                    assertThat(stats.getReceivedTotal()).as("receivedTotal").isEqualTo(expected);
                    assertThat(stats.getProcessedSuccessfullyTotal()).as("processedSuccessfullyTotal").isEqualTo(expected);
                });
    }
}
