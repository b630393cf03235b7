package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas start one after another at the configured rate, in the background; a stop, a delete or a
 * close cancels the starts still waiting, so nothing keeps spawning.
 */
class ReplicaStartsIT {
    private static final String ECHO = "public/default/echo";
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;
    LocalReplicas replicas;
    Function four;

    @BeforeEach
    void start() throws Exception {
        replicas = new LocalReplicas(FakeRuntime.settings(dataDir),
                new ReplicaLimits(16, 32, 64L << 30, 2L << 30, INTERVAL));
        four = FakeRuntime.echo(Files.writeString(dataDir.resolve("fn.jar"), "not really a jar"), "in");
        four.getSpec().setReplicas(4);
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    @Test
    void replicasStartOneAfterAnotherAtTheConfiguredRate() {
        replicas.apply(four, ResolvedFunction.of(four));

        assertThat(replicas.status(ECHO)).as("apply returns before the queue has started them all").hasSize(4).filteredOn(instance -> instance.pid() > 0).hasSizeLessThan(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> replicas.status(ECHO).stream().allMatch(InstanceStatus::ready));
        List<Instant> started = replicas.status(ECHO).stream()
                .map(instance -> ProcessHandle.of(instance.pid()).orElseThrow().info().startInstant().orElseThrow())
                .sorted().toList();
        for (int i = 1; i < started.size(); i++) {
            assertThat(Duration.between(started.get(i - 1), started.get(i))).as("between start %d and %d", i - 1, i)
                    .isGreaterThan(INTERVAL.minusMillis(100));
        }
    }

    @Test
    void removeCancelsTheStartsStillWaiting() throws Exception {
        replicas.apply(four, ResolvedFunction.of(four));

        replicas.remove(ECHO);

        assertNothingKeepsSpawning();
    }

    @Test
    void scalingToZeroCancelsTheStartsStillWaiting() throws Exception {
        replicas.apply(four, ResolvedFunction.of(four));
        Function stopped = FakeRuntime.echo(Path.of(four.getSpec().getRuntime().jar()), "in");
        stopped.getSpec().setReplicas(0);

        replicas.apply(stopped, ResolvedFunction.of(stopped));

        assertThat(replicas.status(ECHO)).isEmpty();
        assertNothingKeepsSpawning();
    }

    @Test
    void closeCancelsTheStartsStillWaiting() throws Exception {
        replicas.apply(four, ResolvedFunction.of(four));

        replicas.close();

        assertNothingKeepsSpawning();
    }

    /** Waits for more than the starts of all four replicas would take, then looks for what was started. */
    private void assertNothingKeepsSpawning() throws InterruptedException {
        Thread.sleep(INTERVAL.multipliedBy(4).toMillis());
        assertThat(dataDir.resolve("logs/public.default.echo-2.log")).as("never started").doesNotExist();
        assertThat(dataDir.resolve("logs/public.default.echo-3.log")).as("never started").doesNotExist();
        String runDir = dataDir.resolve("run/public.default.echo").toString();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.startsWith(runDir))))
                .as("replica processes still alive").isEmpty();
    }
}
