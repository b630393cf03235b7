package dev.magnetar.api.replicas;

import java.util.Optional;

/**
 * Starts, stops or restarts one replica of a function, leaving the others alone. A mode offers
 * what it can do: a Deployment's pods are interchangeable, so on Kubernetes a single one can be
 * restarted (its pod deleted and replaced) but not kept stopped.
 */
public interface InstanceControl {
    /** Why this mode cannot apply {@code action} to a single replica of {@code fqfn}; empty when it can. */
    Optional<String> refusal(String fqfn, InstanceAction action);

    /**
     * Applies an action this mode does not refuse. A replica stopped this way stays stopped until it
     * is started or restarted, alone or with the whole function.
     *
     * @throws IllegalArgumentException when the function runs no replica {@code instanceId}
     */
    void control(String fqfn, int instanceId, InstanceAction action);
}
