package dev.magnetar.controlplane.service;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.controlplane.store.FunctionStore;
import dev.magnetar.gateway.http.FunctionDirectory;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The gateway's view of functions in standalone mode: what the control plane's store holds. */
@Singleton
public class StoreFunctionDirectory implements FunctionDirectory {
    private final FunctionStore store;

    public StoreFunctionDirectory(FunctionStore store) {
        this.store = store;
    }

    @Override
    public Optional<ResolvedFunction> find(String tenant, String namespace, String name) {
        return store.resolve(new FunctionRef(tenant, namespace, name));
    }
}
