package dev.magnetar.api.replicas;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import java.util.List;

/**
 * Sets the replica count of an autoscaled function without touching its stored definition: the autoscaler's hands
 * where replicas are local processes. On Kubernetes the operator scales through the Function's scale subresource
 * instead.
 */
public interface ReplicaScaler {
    /**
     * An autoscaled function as it runs here: its policy, the replicas it has now (starting ones included), and the
     * CPU cores each asks for ({@code spec.resources.cpu}, 1 when unset), what its CPU utilization is measured against.
     */
    record Autoscaled(ResolvedFunction function, ScalingPolicy policy, int replicas, double coresEach) {
        public Autoscaled(ResolvedFunction function, ScalingPolicy policy, int replicas) {
            this(function, policy, replicas, 1);
        }
    }

    /** Every function running here under the autoscaler. */
    List<Autoscaled> autoscaled();

    /** Moves the function to {@code replicas}, within its autoscaling bounds; unknown functions are ignored. */
    void scaleTo(String fqfn, int replicas);
}
