package dev.magnetar.controlplane.store;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import java.util.List;
import java.util.Optional;

/**
 * Accepted function definitions. Standalone keeps them in files; on Kubernetes the API server is
 * the store. Definitions are keyed by Pulsar tenant, namespace and function name.
 */
public interface FunctionStore {
    Optional<Function> get(FunctionRef ref);

    /**
     * The stored definition with every default applied, for the gateway's lookup on each request;
     * a store may answer from a cache kept in step with its writes.
     */
    default Optional<ResolvedFunction> resolve(FunctionRef ref) {
        return get(ref).map(ResolvedFunction::of);
    }

    /** Every stored function of one namespace, sorted by name. */
    List<Function> list(String tenant, String namespace);

    /** Every stored function. */
    List<Function> all();

    /** Creates or replaces the definition; it is durable when this returns. */
    void put(Function function);

    /** Removes the definition; returns false when there was none. */
    boolean delete(FunctionRef ref);
}
