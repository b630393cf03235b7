package dev.magnetar.api.v1alpha1;

/** Delivery guarantee of a function; names match Pulsar's {@code FunctionConfig.ProcessingGuarantees}. */
public enum ProcessingGuarantee {
    ATLEAST_ONCE,
    ATMOST_ONCE,
    EFFECTIVELY_ONCE
}
