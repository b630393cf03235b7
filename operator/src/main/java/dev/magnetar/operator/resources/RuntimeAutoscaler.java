package dev.magnetar.operator.resources;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The autoscaling/v2 HorizontalPodAutoscaler of a function, wanted only when
 * {@code autoscaling.maxReplicas > minReplicas}.
 *
 * <ul>
 *   <li>CPU: average utilisation at {@code targetCpuUtilization}, {@value #DEFAULT_CPU_PERCENT}%
 *       when neither target is set.</li>
 *   <li>Backlog (when {@code targetBacklogPerReplica} is set): an External metric
 *       {@value #BACKLOG_METRIC} selected by the function's selector labels, averaged per replica.
 *       Kubernetes does not serve it by itself: a metrics adapter (prometheus-adapter or KEDA)
 *       must publish the subscription backlog under that name.</li>
 *   <li>{@code minReplicas: 0} (scale to zero) is written as 1: the HPA accepts 0 only with the
 *       alpha HPAScaleToZero feature gate; scaling to zero is left to a later idle scaler.</li>
 * </ul>
 */
public final class RuntimeAutoscaler implements Dependent<HorizontalPodAutoscaler> {
    public static final int DEFAULT_CPU_PERCENT = 80;
    public static final String BACKLOG_METRIC = "magnetar_subscription_backlog";

    @Override
    public Class<HorizontalPodAutoscaler> type() {
        return HorizontalPodAutoscaler.class;
    }

    /** True when the function asks for an autoscaler: maxReplicas above minReplicas (default 1). */
    public static boolean enabled(Function function) {
        AutoscalingSpec auto = function.getSpec().getAutoscaling();
        return auto != null && auto.maxReplicas() != null && auto.maxReplicas() > minReplicas(auto);
    }

    /** The autoscaler, or empty when the function runs a fixed number of replicas. */
    @Override
    public Optional<HorizontalPodAutoscaler> desired(Function function) {
        if (!enabled(function)) {
            return Optional.empty();
        }
        ResolvedFunction resolved = ResolvedFunction.of(function);
        AutoscalingSpec auto = function.getSpec().getAutoscaling();
        return Optional.of(new HorizontalPodAutoscalerBuilder()
                .withMetadata(ChildMetadata.of(function, resolved))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName(ChildMetadata.of(function, resolved).getName()).endScaleTargetRef()
                .withMinReplicas(Math.max(1, minReplicas(auto)))
                .withMaxReplicas(auto.maxReplicas())
                .withMetrics(metrics(auto, resolved))
                .endSpec()
                .build());
    }

    private static int minReplicas(AutoscalingSpec auto) {
        return auto.minReplicas() == null ? 1 : auto.minReplicas();
    }

    private static List<MetricSpec> metrics(AutoscalingSpec auto, ResolvedFunction resolved) {
        List<MetricSpec> metrics = new ArrayList<>();
        Integer cpu = auto.targetCpuUtilization();
        if (cpu != null || auto.targetBacklogPerReplica() == null) {
            metrics.add(new MetricSpecBuilder().withType("Resource")
                    .withNewResource().withName("cpu")
                    .withNewTarget().withType("Utilization").withAverageUtilization(cpu == null ? DEFAULT_CPU_PERCENT : cpu)
                    .endTarget().endResource()
                    .build());
        }
        if (auto.targetBacklogPerReplica() != null) {
            metrics.add(new MetricSpecBuilder().withType("External")
                    .withNewExternal()
                    .withNewMetric().withName(BACKLOG_METRIC)
                    .withNewSelector().withMatchLabels(ChildMetadata.selector(resolved)).endSelector()
                    .endMetric()
                    .withNewTarget().withType("AverageValue")
                    .withAverageValue(new Quantity(Long.toString(auto.targetBacklogPerReplica())))
                    .endTarget()
                    .endExternal()
                    .build());
        }
        return metrics;
    }
}
