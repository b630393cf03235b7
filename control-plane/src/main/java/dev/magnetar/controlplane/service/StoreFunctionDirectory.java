package dev.magnetar.controlplane.service;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.controlplane.store.FunctionStore;
import dev.magnetar.gateway.http.FunctionDirectory;
import dev.magnetar.gateway.http.FunctionHealth;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The gateway's view of functions in standalone mode: what the control plane's store holds, and whether
 * its replicas can take calls (from their status, kept in memory by the local replicas).
 */
@Singleton
public class StoreFunctionDirectory implements FunctionDirectory {
    private final FunctionStore store;
    private final FunctionReplicas replicas;

    public StoreFunctionDirectory(FunctionStore store, FunctionReplicas replicas) {
        this.store = store;
        this.replicas = replicas;
    }

    @Override
    public Optional<ResolvedFunction> find(String tenant, String namespace, String name) {
        return store.resolve(new FunctionRef(tenant, namespace, name));
    }

    @Override
    public FunctionHealth health(ResolvedFunction function) {
        return ReplicaHealth.of(replicas.status(function.fqfn()));
    }
}
