package dev.magnetar.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.bench.scenario.FunctionCode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingFunctionsTest {
    private static final FunctionCode CODE = new FunctionCode("async-enrich", Path.of("/opt/magnetar/enrich.jar"),
            "dev.magnetar.samples.asyncenrich.AsyncEnrichFunction", Map.of("delayMs", "5"));

    @Test
    void theAutoscaledBurstFunctionIsValidAndScalesFromOneToFourOnItsBacklog() {
        Function function = roundTrip(ScalingFunctions.autoscaledBurst(CODE, "bench-burst-autoscaled-1"));

        assertThat(FunctionValidator.validate(function)).isEmpty();
        ScalingPolicy policy = ScalingPolicy.of(function).orElseThrow();
        assertThat(policy.minReplicas()).isEqualTo(1);
        assertThat(policy.maxReplicas()).isEqualTo(4);
        assertThat(policy.targetBacklogPerReplica()).isEqualTo(1_000);
        assertThat(function.getSpec().getConcurrency()).isEqualTo(4);
        assertThat(function.getSpec().getUserConfig()).containsEntry("delayMs", "5");
        assertThat(function.getSpec().getInputs()).containsExactly("persistent://public/default/bench-burst-autoscaled-1-in");
    }

    @Test
    void theFixedBurstFunctionRunsItsReplicasWithoutAutoscaling() {
        Function function = roundTrip(ScalingFunctions.fixedBurst(CODE, "bench-burst-fixed-1", 4));

        assertThat(FunctionValidator.validate(function)).isEmpty();
        assertThat(function.getSpec().getReplicas()).isEqualTo(4);
        assertThat(ScalingPolicy.of(function)).isEmpty();
    }

    @Test
    void theScaledToZeroFunctionStartsAtZeroAndGoesBackSoon() {
        Function function = roundTrip(ScalingFunctions.scaledToZero(CODE, "bench-zero-pool"));

        assertThat(FunctionValidator.validate(function)).isEmpty();
        ScalingPolicy policy = ScalingPolicy.of(function).orElseThrow();
        assertThat(policy.scalesToZero()).isTrue();
        assertThat(policy.scaleToZeroAfter()).hasSeconds(ScalingFunctions.SCALE_TO_ZERO_AFTER_SECONDS);
        assertThat(ScalingFunctions.gatewayPath("bench-zero-pool")).isEqualTo("/function/public/default/bench-zero-pool");
    }

    /** What the control plane reads: the document as the bench sends it. */
    private static Function roundTrip(Function function) {
        return FunctionDocuments.parse(ScalingFunctions.yaml(function));
    }
}
