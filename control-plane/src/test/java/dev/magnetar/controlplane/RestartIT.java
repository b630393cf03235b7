package dev.magnetar.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.policies.data.FunctionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** Definitions survive a restart of the control plane on the same data directory, and run again. */
class RestartIT {
    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void definitionsAndReplicasComeBackAfterARestart() throws IOException {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        ControlPlaneOptions options = new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl()));
        long firstPid;
        try (ControlPlane first = ControlPlane.start(options, Samples.allowJars())) {
            ControlPlaneClient client = new ControlPlaneClient(first.url());
            assertThat(client.create("survivor", Samples.json(Samples.exclamation(
                    pulsar.uniqueTopic("restart-in"), pulsar.uniqueTopic("restart-out"), 1))).statusCode()).isEqualTo(200);
            await().atMost(READY).until(() -> client.readyInstances("survivor") == 1);
            firstPid = client.status("survivor").at("/instances/0/pid").asLong();
        }
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("replica stopped with its control plane").isEmpty();
        // The first replica ever wrote the class data archive when it stopped; the next ones map it.
        List<Path> archives = archives();
        assertThat(archives).hasSize(1).allMatch(file -> file.getFileName().toString().matches("runtime-[0-9a-f]{16}\\.jsa"));

        try (ControlPlane second = ControlPlane.start(options, Samples.allowJars())) {
            ControlPlaneClient client = new ControlPlaneClient(second.url());
            assertThat(client.get("/magnetar/v1/functions/public/default").body()).isEqualTo("[\"survivor\"]");
            await().atMost(READY).until(() -> client.readyInstances("survivor") == 1);
            assertThat(client.invoke("survivor", "back").body()).isEqualTo("back!");
            long secondPid = client.status("survivor").at("/instances/0/pid").asLong();
            assertThat(ProcessHandle.of(secondPid).flatMap(handle -> handle.info().arguments()).orElseThrow())
                    .contains("-XX:SharedArchiveFile=" + archives.get(0));
        }
        assertThat(archives()).as("kept, not rewritten by a replica that mapped it").isEqualTo(archives);
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("cds"))) {
            return files.toList();
        }
    }

    @Test
    void anInstanceStoppedAloneStaysStoppedAfterARestartUntilStarted() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        ControlPlaneOptions options = new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl()));
        try (ControlPlane first = ControlPlane.start(options, Samples.allowJars());
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(first.url()).build()) {
            ControlPlaneClient client = new ControlPlaneClient(first.url());
            assertThat(client.create("half", Samples.json(Samples.exclamation(
                    pulsar.uniqueTopic("half-in"), pulsar.uniqueTopic("half-out"), 2))).statusCode()).isEqualTo(200);
            await().atMost(READY).until(() -> client.readyInstances("half") == 2);
            admin.functions().stopFunction("public", "default", "half", 1);
        }

        try (ControlPlane second = ControlPlane.start(options, Samples.allowJars());
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(second.url()).build()) {
            ControlPlaneClient client = new ControlPlaneClient(second.url());
            await().atMost(READY).until(() -> client.readyInstances("half") == 1);
            FunctionStatus status = admin.functions().getFunctionStatus("public", "default", "half");
            assertThat(status.getNumInstances()).isEqualTo(2);
            assertThat(status.getInstances().get(0).getStatus().isRunning()).isTrue();
            assertThat(status.getInstances().get(1).getStatus().isRunning()).as("stopped before the restart").isFalse();
            assertThat(client.status("half").at("/instances/1/state").asText()).isEqualTo("STOPPED");

            admin.functions().startFunction("public", "default", "half", 1);
            await().atMost(READY).until(() -> client.readyInstances("half") == 2);
        }
    }
}
