package dev.magnetar.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {
    @Test
    void aFunctionWithoutAutoscalingHasNoPolicy() {
        assertThat(ScalingPolicy.of(function(null, null))).isEmpty();
    }

    @Test
    void unsetFieldsTakeTheDefaultsAndTheInFlightTargetIsTheConcurrency() {
        ScalingPolicy policy = ScalingPolicy.of(function(
                new AutoscalingSpec(null, 5, null, null, null, null, null, null, null), 8)).orElseThrow();

        assertThat(policy).isEqualTo(new ScalingPolicy(1, 5, 100, 8, null, Duration.ofSeconds(60), Duration.ZERO,
                Duration.ofSeconds(60), ScalingPolicy.Engine.MAGNETAR));
        assertThat(policy.clamp(0)).isEqualTo(1);
        assertThat(policy.clamp(9)).isEqualTo(5);
    }

    @Test
    void setFieldsAreKept() {
        ScalingPolicy policy = ScalingPolicy.of(function(
                new AutoscalingSpec(0, 7, 20L, 3, 70, 5, 2, 10, "keda"), null)).orElseThrow();

        assertThat(policy).isEqualTo(new ScalingPolicy(0, 7, 20, 3, 70, Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(10), ScalingPolicy.Engine.KEDA));
        assertThat(policy.scalesToZero()).isTrue();
    }

    @Test
    void aStoppedFunctionIsNotAutoscaled() {
        Function function = function(new AutoscalingSpec(0, 5, null, null, null, null, null, null, null), null);
        function.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .addToAnnotations(dev.magnetar.api.naming.FunctionNames.ANNOTATION_STOPPED_REPLICAS, "1").build());

        assertThat(ScalingPolicy.of(function)).as("stop keeps it at zero until start").isEmpty();
    }

    private static Function function(AutoscalingSpec autoscaling, Integer concurrency) {
        Function function = new Function();
        FunctionSpec spec = new FunctionSpec();
        spec.setAutoscaling(autoscaling);
        spec.setConcurrency(concurrency);
        function.setSpec(spec);
        return function;
    }
}
