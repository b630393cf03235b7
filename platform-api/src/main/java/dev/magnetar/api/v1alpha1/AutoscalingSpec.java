package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.magnetar.api.validation.KubernetesAutoscalingRules;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How the autoscaler sizes a function; with it set, the autoscaler alone owns the replica count. Unset fields take the
 * defaults of {@link dev.magnetar.api.function.ScalingPolicy}.
 *
 * @param minReplicas                   fewest replicas; 0 scales to zero after {@code scaleToZeroAfterSeconds} idle
 * @param maxReplicas                   most replicas (required)
 * @param targetBacklogPerReplica       subscription backlog one replica is meant to carry
 * @param targetInFlightPerReplica      calls and messages in progress one replica is meant to carry (its
 *                                      concurrency when unset)
 * @param targetCpuUtilization          average CPU, in percent of what a replica asks for; off when unset (on
 *                                      Kubernetes with engine {@code keda} only: {@link KubernetesAutoscalingRules})
 * @param scaleToZeroAfterSeconds       idle time (no backlog, nothing in flight, no gateway call) before 0 replicas
 * @param scaleUpStabilizationSeconds   a scale-up follows the lowest recommendation of this window
 * @param scaleDownStabilizationSeconds a scale-down follows the highest recommendation of this window
 * @param engine                        {@code magnetar} (default) or, on Kubernetes with KEDA installed, {@code keda}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// On the type, not the component: a component's annotation lands on its accessor too, and would be written twice.
@ValidationRule(value = KubernetesAutoscalingRules.CPU_NEEDS_KEDA_RULE, fieldPath = ".targetCpuUtilization",
        message = KubernetesAutoscalingRules.CPU_NEEDS_KEDA_MESSAGE)
public record AutoscalingSpec(
        Integer minReplicas,
        Integer maxReplicas,
        Long targetBacklogPerReplica,
        Integer targetInFlightPerReplica,
        Integer targetCpuUtilization,
        Integer scaleToZeroAfterSeconds,
        Integer scaleUpStabilizationSeconds,
        Integer scaleDownStabilizationSeconds,
        String engine) {
}
