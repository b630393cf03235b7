package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.controlplane.testing.TestJars;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update whose class cannot run is rolled back while the old replicas keep answering gateway calls: the
 * update returns while it rolls out, the stored definition goes back to the one that runs, and the status says
 * why. The broken class is a function by every check made before it is accepted; it fails only when loaded.
 */
class RollingUpdateIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String NAME = "rolling";

    @TempDir
    Path dataDir;
    @TempDir
    Path jars;
    ControlPlane plane;
    volatile boolean calling;

    @AfterEach
    void stop() {
        calling = false;
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void aBrokenUpdateIsRolledBackWhileTheOldReplicasAnswerEveryCall() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(),
                pulsar.adminUrl())), Samples.allowJars(Map.of("magnetar.replicas.ready-timeout", "8s"), jars));
        ControlPlaneClient client = new ControlPlaneClient(plane.url());
        Function good = Samples.exclamation(pulsar.uniqueTopic("rolling-in"), null, 2);
        assertThat(client.create(NAME, Samples.json(good)).statusCode()).isEqualTo(200);
        await().atMost(READY).until(() -> client.readyInstances(NAME) == 2);
        List<Long> pids = pids(client.status(NAME));
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        Thread caller = callInALoop(client, failures, answered);

        Function broken = Samples.exclamation(good.getSpec().getInputs().get(0), null, 2);
        broken.getSpec().setRuntime(new RuntimeSpec(null, brokenJar().toString(), "broken.FailsWhenLoaded"));
        HttpResponse<String> update = client.update(NAME, Samples.json(broken));

        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        assertThat(client.status(NAME).path("error").asText()).as("the update rolls out in the background")
                .doesNotContain("rolled back");
        await().atMost(READY).until(() -> client.status(NAME).path("error").asText().contains("rolled back"));
        calling = false;
        caller.join();
        assertThat(failures).as("calls during the update").isEmpty();
        assertThat(answered.get()).isPositive();
        assertThat(client.status(NAME).path("error").asText())
                .contains("replica 0 of the new definition was not ready within 8 s");
        assertThat(ControlPlaneClient.json(client.get("/magnetar/v1/functions/public/default/" + NAME).body())
                .at("/spec/runtime/className").asText()).isEqualTo(good.getSpec().getRuntime().className());
        await().atMost(READY).until(() -> pids(client.status(NAME)).equals(pids) && client.readyInstances(NAME) == 2);
        assertThat(client.invoke(NAME, "after").body()).isEqualTo("after!");
    }

    /** A function class whose static initializer throws: the runtime cannot load it, so its replicas never get ready. */
    private Path brokenJar() {
        return TestJars.jar(jars, "broken.jar", Map.of("broken.FailsWhenLoaded", """
                package broken;
                import org.apache.pulsar.functions.api.Context;
                import org.apache.pulsar.functions.api.Function;
                public class FailsWhenLoaded implements Function<String, String> {
                    static {
                        if (Boolean.parseBoolean("true")) {
                            throw new IllegalStateException("broken on purpose");
                        }
                    }
                    @Override
                    public String process(String input, Context context) {
                        return input;
                    }
                }
                """));
    }

    private Thread callInALoop(ControlPlaneClient client, List<String> failures, AtomicInteger answered) {
        calling = true;
        Thread caller = new Thread(() -> {
            for (int i = 0; calling; i++) {
                HttpResponse<String> response = client.invoke(NAME, "call-" + i);
                if (response.statusCode() == 200 && response.body().equals("call-" + i + "!")) {
                    answered.incrementAndGet();
                } else {
                    failures.add(response.statusCode() + " " + response.body());
                }
            }
        }, "gateway-caller");
        caller.start();
        return caller;
    }

    private static List<Long> pids(JsonNode status) {
        List<Long> pids = new ArrayList<>();
        status.path("instances").forEach(instance -> pids.add(instance.get("pid").asLong()));
        return pids;
    }
}
