package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Replica bounds and targets; {@code minReplicas = 0} means scale to zero when idle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoscalingSpec(
        Integer minReplicas,
        Integer maxReplicas,
        Long targetBacklogPerReplica,
        Integer targetCpuUtilizationPercent,
        Integer idleSecondsBeforeScaleToZero) {
}
