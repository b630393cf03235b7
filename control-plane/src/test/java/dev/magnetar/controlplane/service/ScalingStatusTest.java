package dev.magnetar.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionStatus;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import dev.magnetar.api.yaml.FunctionDocuments;
import org.junit.jupiter.api.Test;

/** On Kubernetes the autoscaler's view is what the operator wrote, and only for an autoscaled function. */
class ScalingStatusTest {
    private final Function function = FunctionDocuments.parse("""
            apiVersion: magnetar.dev/v1alpha1
            kind: Function
            metadata: {name: fn}
            spec:
              runtime: {className: a.B, image: x}
              inputs: [in]
            """);

    @Test
    void anAutoscaledFunctionShowsWhatTheOperatorWrote() {
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 3, null, null, null, null, null, null, null));
        FunctionStatus status = new FunctionStatus();
        status.setDesiredReplicas(2);
        status.setLastScale(new ScaleEvent(0, 2, "woken from zero", "2026-01-01T00:00:00Z"));
        function.setStatus(status);

        ScaleView view = ScalingStatus.FROM_DEFINITION.of(function).orElseThrow();

        assertThat(view.desiredReplicas()).isEqualTo(2);
        assertThat(view.lastScale().reason()).isEqualTo("woken from zero");
    }

    @Test
    void aFixedCountIsNotAnAutoscalerView() {
        FunctionStatus status = new FunctionStatus();
        status.setDesiredReplicas(3);
        function.setStatus(status);

        assertThat(ScalingStatus.FROM_DEFINITION.of(function)).isEmpty();
    }
}
