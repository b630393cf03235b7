package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.store.FileFunctionStore;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallelism above the standalone limits, or a memory too small to run a replica, is refused with a 400 naming
 * the limit and the numbers, and a stored definition over them (the limits were lowered since) is reported, not
 * started. No replica runs here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaLimitsIT {
    @TempDir
    static Path dataDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    ControlPlaneClient client;

    @BeforeAll
    void start() {
        pulsar = EmbeddedPulsar.shared();
        Function stored = Samples.exclamation(pulsar.uniqueTopic("limits-in"), pulsar.uniqueTopic("limits-out"), 3);
        stored.getMetadata().setName("stored");
        stored.getSpec().setTenant("public");
        stored.getSpec().setNamespace("default");
        new FileFunctionStore(dataDir.resolve("functions")).put(stored);
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(),
                pulsar.adminUrl())), Samples.allowJars(Map.of("magnetar.replicas.limits.max-per-function", 2)));
        client = new ControlPlaneClient(plane.url());
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void aParallelismAboveTheLimitIsRefusedNamingTheLimitAndTheNumbers() {
        HttpResponse<String> three = client.create("storm", Samples.json(Samples.exclamation("storm-in", null, 3)));

        assertThat(three.statusCode()).as(three.body()).isEqualTo(400);
        assertThat(reason(three)).contains("spec.replicas: is 3: at most 2 replicas per function run on this machine"
                + " (magnetar.replicas.limits.max-per-function)");
        HttpResponse<String> storm = client.create("storm", Samples.json(Samples.exclamation("storm-in", null, 100_000)));
        assertThat(storm.statusCode()).isEqualTo(400);
        assertThat(reason(storm)).contains("spec.replicas: is 100000: at most 2 replicas per function",
                "100000 replicas of 256 MiB each need 25000 GiB", "magnetar.replicas.limits.memory-reserve");
        assertThat(client.get("/magnetar/v1/functions/public/default/storm").statusCode()).isEqualTo(404);
    }

    @Test
    void aMemoryTooSmallToRunAReplicaIsRefused() {
        Function tiny = Samples.exclamation("tiny-in", null, 1);
        tiny.getSpec().setResources(new ResourcesSpec(null, "1000"));

        HttpResponse<String> response = client.create("tiny", Samples.json(tiny));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(reason(response)).contains("spec.resources.memory: is 1000 (1000 bytes): a replica needs at least"
                + " 128Mi");
        assertThat(client.get("/magnetar/v1/functions/public/default/tiny").statusCode()).isEqualTo(404);
    }

    @Test
    void aStoredDefinitionOverTheLimitIsReportedNotStarted() {
        JsonNode status = client.status("stored");

        assertThat(status.path("instances")).as("no replica started").isEmpty();
        assertThat(status.get("error").asText()).contains("spec.replicas: is 3: at most 2 replicas per function");
    }

    private static String reason(HttpResponse<String> response) {
        return ControlPlaneClient.json(response.body()).get("reason").asText();
    }
}
