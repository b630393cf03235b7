package dev.magnetar.operator.autoscale;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.Function;

/**
 * A Function Magnetar's autoscaler sizes, as one tick sees it.
 *
 * @param function the resource, as the informer last saw it
 * @param resolved its spec with every default applied
 * @param policy   its {@code autoscaling}, resolved
 * @param recorded the count in effect: the autoscaler's last decision, as it remembers or as the status records it
 */
public record AutoscaledFunction(Function function, ResolvedFunction resolved, ScalingPolicy policy, int recorded) {
    /** The Kubernetes {@code namespace/name}: unique, and what the autoscaler keys its memory by. */
    public String key() {
        return function.getMetadata().getNamespace() + "/" + function.getMetadata().getName();
    }

    /** The count the decision starts from: the recorded one, within the bounds. */
    public int current() {
        return policy.clamp(recorded);
    }
}
