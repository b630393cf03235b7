package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What standalone cannot run of an autoscaled function is refused before it is stored. */
class AutoscaledPreflightTest {
    @TempDir
    Path dataDir;
    LocalReplicas replicas;
    Function function;

    @BeforeEach
    void setUp() throws Exception {
        replicas = new LocalReplicas(FakeRuntime.settings(dataDir), new ReplicaLimits(4, 8, 64L << 30, 1L << 30,
                java.time.Duration.ofMillis(100)));
        function = FakeRuntime.echo(Files.writeString(dataDir.resolve("fn.jar"), "jar"), "in");
    }

    @AfterEach
    void close() {
        replicas.close();
    }

    private List<String> fields(AutoscalingSpec autoscaling) {
        function.getSpec().setAutoscaling(autoscaling);
        return replicas.preflight(function, ResolvedFunction.of(function)).stream().map(Violation::field).toList();
    }

    @Test
    void kedaIsRefusedInStandalone() {
        assertThat(fields(new AutoscalingSpec(0, 2, null, null, null, null, null, null, "keda")))
                .containsExactly("spec.autoscaling.engine");
    }

    @Test
    void moreReplicasAtMostThanAFunctionMayHaveAreRefusedByTheirField() {
        assertThat(fields(new AutoscalingSpec(0, 5, null, null, null, null, null, null, null)))
                .containsExactly("spec.autoscaling.maxReplicas");
        assertThat(fields(new AutoscalingSpec(0, 4, null, null, null, null, null, null, null))).isEmpty();
    }
}
