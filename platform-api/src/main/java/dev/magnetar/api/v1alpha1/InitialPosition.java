package dev.magnetar.api.v1alpha1;

/** Where a new subscription starts; names match Pulsar's {@code SubscriptionInitialPosition}. */
public enum InitialPosition {
    Latest,
    Earliest
}
