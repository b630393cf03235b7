package dev.magnetar.bridge.provision;

import dev.magnetar.api.function.ResolvedFunction;

/** Reads how many messages wait for a function. */
public interface SubscriptionBacklog {
    /** Messages waiting in the function's subscription across its inputs, or -1 when unknown. */
    long backlog(ResolvedFunction function);
}
