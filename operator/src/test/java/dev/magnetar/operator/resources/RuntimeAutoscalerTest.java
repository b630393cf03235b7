package dev.magnetar.operator.resources;

import static dev.magnetar.operator.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import org.junit.jupiter.api.Test;

class RuntimeAutoscalerTest {

    @Test
    void noAutoscalerWithoutAutoscalingOrWhenMaxIsNotAboveMin() {
        assertThat(new RuntimeAutoscaler().desired(function("fixed"))).isEmpty();
        assertThat(new RuntimeAutoscaler().desired(withAutoscaling(new AutoscalingSpec(3, 3, null, null, null, null, null, null, null)))).isEmpty();
        assertThat(new RuntimeAutoscaler().desired(withAutoscaling(new AutoscalingSpec(null, 1, null, null, null, null, null, null, null)))).isEmpty();
    }

    @Test
    void scalesTheDeploymentOnCpuByDefault() {
        HorizontalPodAutoscaler hpa = new RuntimeAutoscaler().desired(withAutoscaling(new AutoscalingSpec(2, 6, null, null, null, null, null, null, null)))
                .orElseThrow();

        assertThat(hpa.getMetadata().getName()).isEqualTo("fn-exclaim");
        assertThat(hpa.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("fn-exclaim");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(80);
        });
    }

    @Test
    void backlogTargetBecomesAnExternalMetricPerReplica() {
        HorizontalPodAutoscaler hpa = new RuntimeAutoscaler().desired(withAutoscaling(new AutoscalingSpec(0, 10, 500L, null, 60, null, null, null, null)))
                .orElseThrow();

        assertThat(hpa.getSpec().getMinReplicas()).as("HPA minReplicas 0 needs an alpha gate").isEqualTo(1);
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Resource", "External");
        MetricSpec backlog = hpa.getSpec().getMetrics().get(1);
        assertThat(backlog.getExternal().getMetric().getName()).isEqualTo(RuntimeAutoscaler.BACKLOG_METRIC);
        assertThat(backlog.getExternal().getMetric().getSelector().getMatchLabels())
                .containsEntry("magnetar.dev/function", "exclaim");
        assertThat(backlog.getExternal().getTarget().getAverageValue().toString()).isEqualTo("500");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(60);
    }

    @Test
    void backlogOnlyAutoscalingHasNoCpuMetric() {
        HorizontalPodAutoscaler hpa = new RuntimeAutoscaler().desired(withAutoscaling(new AutoscalingSpec(1, 4, 100L, null, null, null, null, null, null)))
                .orElseThrow();

        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("External");
    }

    private static Function withAutoscaling(AutoscalingSpec autoscaling) {
        Function function = function("exclaim");
        function.getSpec().setAutoscaling(autoscaling);
        return function;
    }
}
