package dev.magnetar.bridge.provision;

import dev.magnetar.api.function.ResolvedFunction;

/**
 * Makes the Pulsar side of a function exist: tenant/namespace (when allowed), input, output and
 * dead-letter topics, and the subscription at its initial position. Idempotent; called before any
 * replica starts so no message published in between is missed.
 */
public interface TopicProvisioner extends SubscriptionBacklog {
    void ensure(ResolvedFunction function);

    /** Deletes the function's subscription (and with it its backlog); absent is not an error. */
    void removeSubscription(ResolvedFunction function);
}
