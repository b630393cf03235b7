package dev.magnetar.api.v1alpha1;

/** How replicas share the input: names match Pulsar's {@code SubscriptionType}. */
public enum SubscriptionType {
    /** Any replica takes any message: replicas scale freely, no ordering. */
    Shared,
    /** Messages of one key go to one replica at a time: per-key order. */
    Key_Shared,
    /** One active replica: total order; required for effectively-once. */
    Failover
}
