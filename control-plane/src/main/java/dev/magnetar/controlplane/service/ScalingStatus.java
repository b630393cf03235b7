package dev.magnetar.controlplane.service;

import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.Function;
import java.util.Optional;

/** Where a function's autoscaling status comes from: the standalone autoscaler, or the status the operator wrote. */
public interface ScalingStatus {
    /** The status as the operator wrote it into the stored Function (Kubernetes). */
    ScalingStatus FROM_DEFINITION = definition -> {
        if (ScalingPolicy.of(definition).isEmpty() || definition.getStatus() == null
                || definition.getStatus().getDesiredReplicas() == null) {
            return Optional.empty();
        }
        return Optional.of(new ScaleView(definition.getStatus().getDesiredReplicas(), definition.getStatus().getLastScale()));
    };

    /** The function's autoscaling status; empty when it is not autoscaled. */
    Optional<ScaleView> of(Function definition);
}
