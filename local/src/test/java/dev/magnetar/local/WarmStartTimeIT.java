package dev.magnetar.local;

import static dev.magnetar.local.RealRuntime.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, and prints rather than asserts, a start from zero in a warm JVM of the pool and in a JVM of its own, both
 * mapping the class data archive as standalone starts them: a message waits on the subscription (made first, as
 * standalone makes it), the replica starts, and the clock stops at its ready status and at the function's output. The
 * archive is written first by a replica of a control plane without a pool. A measurement, not a check: it runs only
 * when asked, {@code -Dmagnetar.measure=true -Dit.test=WarmStartTimeIT}.
 */
@EnabledIfSystemProperty(named = "magnetar.measure", matches = "true")
@ExtendWith(EmbeddedPulsarExtension.class)
class WarmStartTimeIT {
    private static final int RUNS = Integer.getInteger("magnetar.measure.runs", 3);

    @TempDir
    Path dataDir;

    /** Milliseconds from the start to the ready status and to the first output. */
    record Timing(long ready, long firstOutput) {
        @Override
        public String toString() {
            return ready + "/" + firstOutput;
        }
    }

    @Test
    void measuresAStartFromZeroInAWarmJvmAgainstAJvmOfItsOwn(EmbeddedPulsar pulsar) throws Exception {
        writeTheArchive(pulsar);
        List<Timing> pooled = new ArrayList<>();
        List<Timing> own = new ArrayList<>();
        try (LocalReplicas replicas = new LocalReplicas(settings(pulsar, 1), RealRuntime.limits())) {
            for (int run = 0; run < RUNS; run++) {
                awaitWarm(replicas);
                pooled.add(startFromZero(pulsar, replicas, "warm-" + run, Map.of()));
                awaitWarm(replicas);
                own.add(startFromZero(pulsar, replicas, "own-" + run, Map.of("GREETING", "hello")));
            }
        }
        System.out.printf("start from zero, ms to ready/first output (%d runs, class data archive mapped):"
                + " warm JVM of the pool %s; JVM of its own %s%n", RUNS, pooled, own);
        assertThat(pooled).hasSize(RUNS);
    }

    private void writeTheArchive(EmbeddedPulsar pulsar) throws Exception {
        try (LocalReplicas replicas = new LocalReplicas(settings(pulsar, 0), RealRuntime.limits())) {
            startFromZero(pulsar, replicas, "archive-writer", Map.of());
        }
        try (var archives = Files.list(ReplicaSettings.classDataDir(dataDir))) {
            assertThat(archives.filter(file -> file.toString().endsWith(".jsa"))).as("class data archive").hasSize(1);
        }
    }

    private ReplicaSettings settings(EmbeddedPulsar pulsar, int poolSize) {
        ReplicaSettings plain = RealRuntime.settings(dataDir, pulsar.serviceUrl(), poolSize);
        ClassDataArchive archive = ClassDataArchive.in(ReplicaSettings.classDataDir(dataDir), plain.launcher(),
                Installation.current().runtimeJar());
        return new ReplicaSettings(plain.launcher(), plain.pulsarUrl(), dataDir, plain.restarts(), plain.stopGrace(),
                plain.readyTimeout(), archive, plain.access(), plain.pulsarTrust(), poolSize);
    }

    private static void awaitWarm(LocalReplicas replicas) {
        await().atMost(WAIT).until(() -> !replicas.pool().warmMembers().isEmpty());
    }

    /**
     * Makes the function's subscription and publishes a message to it, then starts its one replica (at once: nothing
     * else waits to start) and times it; removes the function afterwards.
     */
    private static Timing startFromZero(EmbeddedPulsar pulsar, LocalReplicas replicas, String name,
                                        Map<String, String> env) throws Exception {
        Function function = RealRuntime.exclamation(name, pulsar.uniqueTopic(name + "-in"), pulsar.uniqueTopic(name + "-out"));
        function.getSpec().setEnv(env);
        ResolvedFunction resolved = ResolvedFunction.of(function);
        pulsar.admin().topics().createSubscription(resolved.inputs().get(0), resolved.subscriptionName(), MessageId.latest);
        try (Consumer<byte[]> output = pulsar.client().newConsumer(Schema.BYTES).topic(resolved.output())
                .subscriptionName("timing").subscribe()) {
            pulsar.client().newProducer(Schema.BYTES).topic(resolved.inputs().get(0)).create().send("hi".getBytes());
            long started = System.nanoTime();
            replicas.apply(function, resolved);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(2))
                    .until(() -> RealRuntime.readyReplica(replicas, resolved.fqfn()).isPresent());
            long ready = (System.nanoTime() - started) / 1_000_000;
            Message<byte[]> first = output.receive((int) WAIT.toSeconds(), TimeUnit.SECONDS);
            long firstOutput = (System.nanoTime() - started) / 1_000_000;
            assertThat(first).as("the function's output").isNotNull();
            replicas.remove(resolved.fqfn());
            return new Timing(ready, firstOutput);
        }
    }
}
