package dev.magnetar.controller.orchestrator;

import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import java.util.List;

/**
 * Runs a function's replicas somewhere: local child JVMs in standalone mode, a Deployment on
 * Kubernetes. Topics are provisioned before {@link #apply} is called.
 */
public interface Orchestrator extends AutoCloseable {
    /**
     * True when this orchestrator removes the subscription itself once the replicas are gone (the
     * Kubernetes finalizer does); otherwise the service removes it right after {@link #remove}.
     */
    default boolean removesSubscriptionItself() {
        return false;
    }

    /**
     * What keeps this orchestrator from running a valid definition (a jar that is not on this
     * machine, a secret it cannot find), each naming its field; empty when it can run it.
     */
    default List<Violation> preflight(Function definition, ResolvedFunction function) {
        return List.of();
    }

    /**
     * Brings the running replicas in line with the definition: starts missing ones, stops extra
     * ones, restarts all when the definition changed in a way replicas must see.
     */
    void apply(Function definition, ResolvedFunction function);

    /** Stops every replica of the function; unknown functions are ignored. */
    void remove(String fqfn);

    /** Replaces every replica with a fresh one, one at a time (a rolling restart); unknown functions are ignored. */
    default void restart(String fqfn) {
        throw new UnsupportedOperationException("this orchestrator cannot restart " + fqfn + "'s replicas");
    }

    /**
     * Stops, starts or restarts one replica, leaving the others alone. A replica stopped this way
     * stays stopped until it is started or restarted, alone or with the whole function.
     *
     * @throws IllegalArgumentException when the function runs no replica {@code instanceId}
     */
    default void control(String fqfn, int instanceId, InstanceAction action) {
        throw new UnsupportedOperationException("this orchestrator cannot " + action.verb() + " single replicas of " + fqfn);
    }

    /** One entry per desired replica, ordered by instance id. */
    List<InstanceStatus> status(String fqfn);

    @Override
    void close();
}
