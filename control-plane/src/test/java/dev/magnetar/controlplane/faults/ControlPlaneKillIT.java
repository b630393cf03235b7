package dev.magnetar.controlplane.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane killed outright (SIGKILL, nothing of it runs on) while its function works through a stream: its
 * replicas notice their parent is gone and stop after their in-flight messages, acknowledging what they finished, so
 * no orphan keeps consuming; a control plane started again on the same data runs one new set of replicas, which
 * finish the stream. Every message comes out, and at most the in-flight ones twice.
 */
class ControlPlaneKillIT {
    private static final String NAME = "outlives-its-control-plane";
    private static final int REPLICAS = 2;
    private static final int MESSAGES = 20_000;
    private static final Duration REPLICAS_GONE = Duration.ofSeconds(30);
    /** One message at a time per replica. */
    private static final int CONCURRENCY = 1;

    @TempDir
    Path temp;

    @Test
    void replicasStopWithTheirKilledControlPlaneAndTheNextOneFinishesTheStream() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        String in = pulsar.uniqueTopic("plane-kill-in");
        String out = pulsar.uniqueTopic("plane-kill-out");
        Path data = temp.resolve("data");
        List<Long> oldReplicas;
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        try (Consumer<String> outputs = pulsar.client().newConsumer(Schema.STRING).topic(out)
                .subscriptionName("check").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .subscribe();
             Producer<String> producer = pulsar.client().newProducer(Schema.STRING).topic(in).create()) {
            int port = freePort();
            Process first = startControlPlane(pulsar, data, port, temp.resolve("first.log"));
            ControlPlaneClient control = new ControlPlaneClient("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> control.get("/health").statusCode() == 200);
            dev.magnetar.api.v1alpha1.Function exclamation = Samples.exclamation(in, out, REPLICAS);
            exclamation.getSpec().setConcurrency(CONCURRENCY);
            assertThat(control.create(NAME, Samples.json(exclamation)).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(90)).until(() -> control.readyInstances(NAME) == REPLICAS);
            // Its replicas and the warm JVMs it keeps ready for the next ones.
            oldReplicas = first.toHandle().children().map(ProcessHandle::pid).toList();
            assertThat(oldReplicas).as("the control plane's child processes").containsAll(replicaPids(control));

            for (int i = 0; i < MESSAGES; i++) {
                producer.sendAsync("m-" + i);
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> drain(outputs, seen) >= MESSAGES / 10);
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
            for (long pid : oldReplicas) {
                await("child " + pid + " stops without its control plane").atMost(REPLICAS_GONE)
                        .until(() -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true));
            }
            int beforeRestart = drain(outputs, seen);

            Process second = startControlPlane(pulsar, data, port, temp.resolve("second.log"));
            try {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> control.get("/health").statusCode() == 200);
                // Answers 'not found' until the definitions are loaded again.
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> control.readyInstances(NAME) == REPLICAS);
                await().atMost(Duration.ofSeconds(120)).until(() -> drain(outputs, seen) >= MESSAGES);
                assertThat(replicaPids(control)).as("one new set of replicas, of the new control plane")
                        .hasSize(REPLICAS).doesNotContainAnyElementsOf(oldReplicas)
                        .isSubsetOf(second.toHandle().children().map(ProcessHandle::pid).toList());
            } finally {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
            }
            long duplicates = seen.values().stream().mapToLong(count -> count - 1).sum();
            // A replica that stops finishes its in-flight messages and flushes their acknowledgements, so only a
            // message in flight when its process died outright could come twice: none die outright here.
            long bound = (long) REPLICAS * CONCURRENCY;
            assertThat(seen).as("every input came out").hasSize(MESSAGES);
            assertThat(duplicates).as("duplicates, at most the in-flight messages (%d)", bound)
                    .isLessThanOrEqualTo(bound);
            System.out.printf("control plane SIGKILL: %d of %d outputs before the kill, %d duplicates (bound %d)%n",
                    beforeRestart, MESSAGES, duplicates, bound);
        }
    }

    private static List<Long> replicaPids(ControlPlaneClient control) {
        List<Long> pids = new ArrayList<>();
        control.status(NAME).path("instances").forEach(instance -> pids.add(instance.path("pid").asLong()));
        return pids;
    }

    /** Counts each distinct input seen so far; returns how many distinct inputs came out. */
    private static int drain(Consumer<String> outputs, Map<String, Integer> seen) throws IOException {
        Message<String> message;
        while ((message = outputs.receive(50, TimeUnit.MILLISECONDS)) != null) {
            outputs.acknowledge(message);
            String value = message.getValue();
            seen.merge(value.substring(0, value.length() - 1), 1, Integer::sum);
        }
        return seen.size();
    }

    /** The control plane in a JVM of its own, with this test's class path, as a process SIGKILL can end. */
    private static Process startControlPlane(EmbeddedPulsar pulsar, Path data, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable().toString(),
                "-D" + Installation.HOME_PROPERTY + "=" + Installation.current().home(),
                "-Dmicronaut.server.port=" + port,
                "-Dmagnetar.data-dir=" + data,
                "-Dmagnetar.pulsar.service-url=" + pulsar.serviceUrl(),
                "-Dmagnetar.pulsar.admin-url=" + pulsar.adminUrl(),
                "-D" + AdminConfig.ALLOWED_JAR_DIRS + "=" + Installation.current().samplesDir(),
                "-cp", System.getProperty("java.class.path"),
                "dev.magnetar.controlplane.ControlPlane"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
