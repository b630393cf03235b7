package dev.magnetar.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.bridge.testing.EmbeddedPulsar;
import dev.magnetar.controller.testing.ControlPlaneClient;
import dev.magnetar.controller.testing.Samples;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions survive a restart of the control plane on the same data directory, and run again. */
class RestartIT {
    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void definitionsAndReplicasComeBackAfterARestart() {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        ControlPlaneOptions options = new ControlPlaneOptions(0, dataDir, pulsar.connection());
        long firstPid;
        try (ControlPlane first = ControlPlane.start(options)) {
            ControlPlaneClient client = new ControlPlaneClient(first.url());
            assertThat(client.create("survivor", Samples.json(Samples.exclamation(
                    pulsar.uniqueTopic("restart-in"), pulsar.uniqueTopic("restart-out"), 1))).statusCode()).isEqualTo(200);
            await().atMost(READY).until(() -> client.readyInstances("survivor") == 1);
            firstPid = client.status("survivor").at("/instances/0/pid").asLong();
        }
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("replica stopped with its control plane").isEmpty();

        try (ControlPlane second = ControlPlane.start(options)) {
            ControlPlaneClient client = new ControlPlaneClient(second.url());
            assertThat(client.get("/magnetar/v1/functions/public/default").body()).isEqualTo("[\"survivor\"]");
            await().atMost(READY).until(() -> client.readyInstances("survivor") == 1);
            assertThat(client.invoke("survivor", "back").body()).isEqualTo("back!");
        }
    }
}
