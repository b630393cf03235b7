package dev.magnetar.operator.resources;

import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.Optional;

/**
 * The HorizontalPodAutoscaler earlier versions made for an autoscaled function. It is never wanted now: Magnetar's own
 * autoscaler writes the count (or KEDA's HPA, which KEDA names and owns), and a second owner of the Deployment's
 * replicas would fight it. So the one an earlier version left behind is deleted.
 */
public final class RetiredAutoscaler implements Dependent<HorizontalPodAutoscaler> {
    @Override
    public Class<HorizontalPodAutoscaler> type() {
        return HorizontalPodAutoscaler.class;
    }

    @Override
    public Optional<HorizontalPodAutoscaler> desired(Function function) {
        return Optional.empty();
    }
}
