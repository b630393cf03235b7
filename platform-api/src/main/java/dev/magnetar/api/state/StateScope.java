package dev.magnetar.api.state;

import java.util.Objects;

/**
 * Whose state: one function's table. Named as Pulsar Functions name it in BookKeeper's table service, so a function
 * moved from Pulsar keeps its state: the namespace is {@code <tenant>_<namespace>} with every '-' turned into '_', the
 * table is the function's name.
 */
public record StateScope(String tenant, String namespace, String function) {
    public StateScope {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(function, "function");
    }

    /** The table service's namespace: {@code <tenant>_<namespace>}, '-' replaced by '_'. */
    public String storageNamespace() {
        return (tenant + "_" + namespace).replace('-', '_');
    }

    /** The table: the function's name. */
    public String table() {
        return function;
    }

    @Override
    public String toString() {
        return tenant + "/" + namespace + "/" + function;
    }
}
