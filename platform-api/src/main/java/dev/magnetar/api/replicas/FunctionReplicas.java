package dev.magnetar.api.replicas;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import java.util.List;
import java.util.Optional;

/**
 * Where a function's replicas run: child JVMs on this machine in standalone mode, a Deployment the
 * operator keeps on Kubernetes. The control plane stores a definition first, then hands it here.
 */
public interface FunctionReplicas extends AutoCloseable {
    /**
     * What keeps this mode from running a valid definition (a jar that is not on this machine, a
     * secret it cannot find), each naming its field; empty when it can run it.
     */
    List<Violation> preflight(Function definition, ResolvedFunction function);

    /**
     * Puts a stored definition into effect. Standalone provisions the topics and the subscription,
     * then starts, stops or replaces replicas; on Kubernetes the stored Function resource is itself
     * the change, and the operator alone provisions and runs what it asks for.
     */
    void apply(Function definition, ResolvedFunction function);

    /**
     * Takes a deleted definition out of effect: every replica stops and, when the spec asks for it,
     * the subscription goes once none is left. Unknown functions are ignored.
     */
    void remove(Function definition);

    /**
     * Tells {@code listener} of every update this mode rolls back by itself after {@link #apply} returned. Standalone
     * rolls an update out in the background and rolls it back when its replicas do not become ready in time; on
     * Kubernetes the Deployment keeps the old pods until new ones are ready and rolls nothing back, so the default
     * ignores the listener.
     */
    default void listen(RolloutListener listener) {
    }

    /** How the autoscaler sets replica counts in this mode; empty where another component scales (Kubernetes). */
    default Optional<ReplicaScaler> scaler() {
        return java.util.Optional.empty();
    }

    /** Replaces every replica with a fresh one, one at a time (a rolling restart); unknown functions are ignored. */
    void restart(String fqfn);

    /** One entry per replica, ordered by instance id. */
    List<InstanceStatus> status(String fqfn);

    /** Start, stop and restart of single replicas, as far as this mode can do them. */
    InstanceControl instances();

    @Override
    void close();
}
