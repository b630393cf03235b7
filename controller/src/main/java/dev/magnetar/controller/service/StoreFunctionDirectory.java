package dev.magnetar.controller.service;

import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.bridge.gateway.FunctionDirectory;
import dev.magnetar.controller.store.FunctionRef;
import dev.magnetar.controller.store.FunctionStore;
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
