package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas per function, in total and by this machine's memory are bounded, and a definition over a
 * bound is refused naming the limit and the numbers. The stand-in runtime's replicas have a 32 MiB heap.
 */
class ReplicaLimitsIT {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dataDir;
    LocalReplicas replicas;

    @AfterEach
    void stop() {
        if (replicas != null) {
            replicas.close();
        }
    }

    LocalReplicas limitedTo(int perFunction, int total, long machineMemory, long reserve) throws Exception {
        replicas = new LocalReplicas(FakeRuntime.settings(dataDir),
                new ReplicaLimits(perFunction, total, machineMemory, reserve, Duration.ofMillis(50)));
        return replicas;
    }

    Function function(String name, int count) throws Exception {
        Path jar = dataDir.resolve("fn.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "not really a jar");
        }
        Function function = FakeRuntime.echo(jar, "in-" + name);
        function.getMetadata().setName(name);
        function.getSpec().setReplicas(count);
        return function;
    }

    List<Violation> preflight(Function function) {
        return replicas.preflight(function, ResolvedFunction.of(function));
    }

    @Test
    void aFunctionAboveTheLimitPerFunctionIsRefused() throws Exception {
        limitedTo(16, 32, 64L << 30, 2L << 30);

        assertThat(preflight(function("storm", 100_000))).extracting(Violation::field).contains("spec.replicas");
        assertThat(preflight(function("storm", 100_000))).extracting(Violation::toString).contains(
                "spec.replicas: is 100000: at most 16 replicas per function run on this machine"
                        + " (magnetar.replicas.limits.max-per-function)");
        assertThat(preflight(function("fine", 16))).isEmpty();
    }

    @Test
    void theReplicasOfEveryFunctionTogetherAreBounded() throws Exception {
        limitedTo(16, 4, 64L << 30, 2L << 30);
        Function first = function("first", 3);
        replicas.apply(first, ResolvedFunction.of(first));

        assertThat(preflight(function("second", 2))).extracting(Violation::toString).containsExactly(
                "spec.replicas: is 2: with the 3 replicas of other functions that makes 5, above the 4 this machine"
                        + " runs in all (magnetar.replicas.limits.max-total): scale other functions down or stop them,"
                        + " or raise the limit");
        assertThat(preflight(function("second", 1))).isEmpty();
        assertThat(preflight(function("first", 4))).as("its own replicas are not counted twice").isEmpty();
    }

    @Test
    void theHeapsOfEveryReplicaMustFitThisMachinesMemoryLessTheReserve() throws Exception {
        limitedTo(16, 32, 512 * MIB, 384 * MIB);
        Function first = function("first", 2);
        replicas.apply(first, ResolvedFunction.of(first));

        assertThat(preflight(function("second", 3))).extracting(Violation::toString).containsExactly(
                "spec.replicas: is 3: 3 replicas of 32 MiB each need 96 MiB; with the 64 MiB of other functions'"
                        + " replicas that is more than the 128 MiB this machine has for replicas (512 MiB of memory"
                        + " less a reserve of 384 MiB, magnetar.replicas.limits.memory-reserve): ask for fewer"
                        + " replicas or less memory each");
        assertThat(preflight(function("second", 2))).isEmpty();
    }

    @Test
    void applyRefusesWhatPreflightRefuses() throws Exception {
        limitedTo(2, 32, 64L << 30, 2L << 30);
        Function storm = function("storm", 3);

        assertThatThrownBy(() -> replicas.apply(storm, ResolvedFunction.of(storm)))
                .hasMessageContaining("at most 2 replicas per function");
        assertThat(replicas.status("public/default/storm")).isEmpty();
    }
}
