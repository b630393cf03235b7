package dev.magnetar.operator.resources;

import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * One kind of object the operator makes for a Function, in the shape of a dependent resource: the object
 * the spec wants, and the rules for an observed copy that differs from it although the spec did not change.
 * The reconciler applies every dependent the same way; what is particular to an object lives in its class.
 */
public interface Dependent<T extends HasMetadata> {
    Class<T> type();

    /** The object the function's spec wants; empty when it wants none (then the one the operator made goes). */
    Optional<T> desired(Function function);

    /**
     * True when the observed object differs from the desired one in a field others may change by hand, which
     * the desired-state hash cannot see (e.g. replicas scaled by kubectl): the object is written again.
     */
    default boolean drifted(T observed, T desired) {
        return false;
    }

    /** Copies what the API server or another controller owns from the observed object into the desired one before an update. */
    default void carryOver(T observed, T desired) {
    }
}
