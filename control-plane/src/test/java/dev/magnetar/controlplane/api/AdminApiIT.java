package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;


/**
 * The admin API against a real broker and real replica JVMs. The steps follow one function
 * through its life (create, scale, lose a replica, delete), so each replica JVM is paid once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String NAME = "exclaim";

    @TempDir
    static Path dataDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    ControlPlaneClient client;
    String input;
    String output;
    List<Long> firstPids;

    @BeforeAll
    void start() {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Samples.allowJars());
        client = new ControlPlaneClient(plane.url());
        input = pulsar.uniqueTopic("admin-in");
        output = pulsar.uniqueTopic("admin-out");
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    Function definition(int replicas) {
        Function function = Samples.exclamation(input, output, replicas);
        function.getSpec().setCleanupSubscription(true);
        return function;
    }

    @Test
    @Order(1)
    void anInvalidDefinitionIsRefusedWithEveryViolation() {
        String invalid = """
                {"apiVersion": "magnetar.dev/v1alpha1", "kind": "Function",
                 "spec": {"runtime": {"jar": "/tmp/x.jar"}, "replicas": -1, "tenant": "other"}}""";

        HttpResponse<String> response = client.create("broken", invalid);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ControlPlaneClient.json(response.body()).get("reason").asText())
                .contains("spec.tenant", "'other'", "'public'");
        Function noClass = definition(1);
        noClass.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, "relative.jar", null));
        noClass.getSpec().setInputs(null);
        String reason = ControlPlaneClient.json(client.create("broken", Samples.json(noClass)).body()).get("reason").asText();
        assertThat(reason).contains("spec.runtime.className: is required", "spec.inputs: is required");
        HttpResponse<String> yaml = client.createYaml("broken", "spec:\n  runtime: {jar: /tmp/x.jar}\n  inputs: [in]\n");
        assertThat(yaml.statusCode()).isEqualTo(400);
        assertThat(ControlPlaneClient.json(yaml.body()).get("reason").asText())
                .contains("spec.runtime.className: is required").doesNotContain("spec.inputs");
        assertThat(client.get("/magnetar/v1/functions/public/default").body()).isEqualTo("[]");
    }

    @Test
    @Order(2)
    void unknownFunctionsAre404() {
        assertThat(client.get("/magnetar/v1/functions/public/default/nothing").statusCode()).isEqualTo(404);
        assertThat(client.get("/magnetar/v1/functions/public/default/nothing/status").statusCode()).isEqualTo(404);
        assertThat(client.update("nothing", Samples.json(definition(1))).statusCode()).isEqualTo(404);
        HttpResponse<String> delete = client.delete("nothing");
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(ControlPlaneClient.json(delete.body()).get("reason").asText())
                .isEqualTo("function public/default/nothing does not exist");
    }

    @Test
    @Order(3)
    void createStartsTheReplicasAndASecondCreateIsAConflict() {
        HttpResponse<String> created = client.create(NAME, Samples.json(definition(2)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(ControlPlaneClient.json(created.body()).at("/metadata/name").asText()).isEqualTo(NAME);

        await().atMost(READY).until(() -> client.readyInstances(NAME) == 2);
        JsonNode status = client.status(NAME);
        assertThat(status.get("numInstances").asInt()).isEqualTo(2);
        assertThat(status.get("numRunning").asInt()).isEqualTo(2);
        firstPids = pids(status);

        assertThat(client.create(NAME, Samples.json(definition(2))).statusCode()).isEqualTo(409);
        assertThat(client.get("/magnetar/v1/functions/public/default").body()).isEqualTo("[\"" + NAME + "\"]");
        assertThat(client.get("/magnetar/v1/functions/public/default/" + NAME).body()).contains(input, output);
    }

    @Test
    @Order(4)
    void scalingKeepsThePidsOfTheReplicasThatStay() {
        assertThat(client.update(NAME, Samples.json(definition(3))).statusCode()).isEqualTo(200);
        await().atMost(READY).until(() -> client.readyInstances(NAME) == 3);
        List<Long> three = pids(client.status(NAME));
        assertThat(three.subList(0, 2)).isEqualTo(firstPids);

        Function invalid = definition(1);
        invalid.getSpec().setConcurrency(-5);
        assertThat(client.update(NAME, Samples.json(invalid)).statusCode()).isEqualTo(400);
        assertThat(pids(client.status(NAME))).isEqualTo(three);

        assertThat(client.update(NAME, Samples.json(definition(1))).statusCode()).isEqualTo(200);
        JsonNode one = client.status(NAME);
        assertThat(pids(one)).containsExactly(firstPids.get(0));
        assertThat(ProcessHandle.of(three.get(1)).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(three.get(2)).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    @Order(5)
    void aKilledReplicaIsRestartedAndProcessingContinues() throws Exception {
        assertThat(client.update(NAME, Samples.json(definition(2))).statusCode()).isEqualTo(200);
        await().atMost(READY).until(() -> client.readyInstances(NAME) == 2);
        List<Long> before = pids(client.status(NAME));

        ProcessHandle.of(before.get(1)).orElseThrow().destroyForcibly();

        await().atMost(READY).until(() -> {
            JsonNode instance = client.status(NAME).get("instances").get(1);
            return instance.get("restarts").asInt() == 1 && instance.get("ready").asBoolean();
        });
        JsonNode restarted = client.status(NAME).get("instances").get(1);
        assertThat(restarted.get("pid").asLong()).isNotEqualTo(before.get(1));
        assertThat(restarted.get("lastError").asText()).startsWith("exit code 137");
        assertThat(client.status(NAME).get("instances").get(0).get("pid").asLong()).isEqualTo(before.get(0));
        assertThat(exclaimed(List.of("a", "b", "c", "d"))).containsExactlyInAnyOrder("a!", "b!", "c!", "d!");
    }

    @Test
    @Order(6)
    void deleteStopsTheReplicasAndRemovesTheSubscription() throws Exception {
        List<Long> running = pids(client.status(NAME));
        assertThat(pulsar.admin().topics().getSubscriptions(input)).contains("public/default/" + NAME);

        assertThat(client.delete(NAME).statusCode()).isEqualTo(204);

        for (long pid : running) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
        }
        assertThat(pulsar.admin().topics().getSubscriptions(input)).doesNotContain("public/default/" + NAME);
        assertThat(client.get("/magnetar/v1/functions/public/default/" + NAME).statusCode()).isEqualTo(404);
        assertThat(dataDir.resolve("functions/public/default/" + NAME + ".yaml")).doesNotExist();
    }

    private List<String> exclaimed(List<String> words) throws Exception {
        try (Consumer<byte[]> consumer = pulsar.client().newConsumer().topic(output)
                .subscriptionName("check-" + System.nanoTime()).subscribe();
             Producer<byte[]> producer = pulsar.client().newProducer().topic(input).create()) {
            for (String word : words) {
                producer.send(word.getBytes(StandardCharsets.UTF_8));
            }
            List<String> out = new ArrayList<>();
            while (out.size() < words.size()) {
                Message<byte[]> message = consumer.receive(60, TimeUnit.SECONDS);
                if (message == null) {
                    break;
                }
                out.add(new String(message.getValue(), StandardCharsets.UTF_8));
                consumer.acknowledge(message);
            }
            return out;
        }
    }

    private static List<Long> pids(JsonNode status) {
        List<Long> pids = new ArrayList<>();
        status.get("instances").forEach(instance -> pids.add(instance.get("pid").asLong()));
        return pids;
    }
}
