package dev.magnetar.api.replicas;

import dev.magnetar.api.v1alpha1.Function;

/** Hears of an update a mode undid by itself, after {@link FunctionReplicas#apply} had returned. */
@FunctionalInterface
public interface RolloutListener {
    /**
     * The replicas of {@code failed} did not become ready in time, so they were stopped and {@code running}, the
     * definition before it, runs again; {@code reason} says why, for the function's status.
     */
    void rolledBack(Function failed, Function running, String reason);
}
