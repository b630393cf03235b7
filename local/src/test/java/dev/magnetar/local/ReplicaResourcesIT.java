package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec.resources in standalone: memory becomes the replica's heap (three quarters of it, the rest is for the JVM
 * itself), cpu the processor count its JVM sees; the stand-in runtime prints what its JVM really got.
 */
class ReplicaResourcesIT {
    private static final long MIB = 1L << 20;
    private static final Pattern GOT = Pattern.compile("heap=(\\d+) processors=(\\d+)");

    @TempDir
    Path dataDir;
    LocalReplicas replicas;
    Function function;

    @BeforeEach
    void start() throws Exception {
        replicas = new LocalReplicas(FakeRuntime.settings(dataDir),
                new ReplicaLimits(16, 32, 1024 * MIB, 512 * MIB, Duration.ofMillis(50)));
        function = FakeRuntime.echo(Files.writeString(dataDir.resolve("fn.jar"), "not really a jar"), "in");
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    @Test
    void memoryBecomesTheHeapAndCpuTheProcessorCountRoundedUp() throws Exception {
        function.getSpec().setResources(new ResourcesSpec("2500m", "256Mi"));

        assertThat(replicas.preflight(function, ResolvedFunction.of(function))).isEmpty();
        replicas.apply(function, ResolvedFunction.of(function));

        Path log = dataDir.resolve("logs/public.default.echo-0.log");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && GOT.matcher(Files.readString(log)).find());
        Matcher got = GOT.matcher(Files.readString(log));
        assertThat(got.find()).isTrue();
        assertThat(Long.parseLong(got.group(1))).as("heap").isBetween(160 * MIB, 192 * MIB);
        assertThat(Integer.parseInt(got.group(2))).as("processors").isEqualTo(3);
    }

    @Test
    void aMemoryTooSmallToRunAReplicaIsRefused() {
        function.getSpec().setResources(new ResourcesSpec(null, "1000"));

        assertThat(replicas.preflight(function, ResolvedFunction.of(function))).extracting(Violation::toString)
                .containsExactly("spec.resources.memory: is 1000 (1000 bytes): a replica needs at least 128Mi"
                        + " (134217728 bytes), three quarters of it as heap and the rest for the JVM itself");
    }

    @Test
    void theMemoryOfEveryReplicaIsCountedAgainstTheMachine() {
        function.getSpec().setResources(new ResourcesSpec(null, "256Mi"));
        function.getSpec().setReplicas(3);

        assertThat(replicas.preflight(function, ResolvedFunction.of(function))).extracting(Violation::toString)
                .containsExactly("spec.replicas: is 3: 3 replicas of 256 MiB each need 768 MiB; that is more than the"
                        + " 512 MiB this machine has for replicas (1 GiB of memory less a reserve of 512 MiB,"
                        + " magnetar.replicas.limits.memory-reserve): ask for fewer replicas or less memory each");
    }
}
