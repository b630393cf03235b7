package dev.magnetar.gateway.http;

import dev.magnetar.api.function.ResolvedFunction;
import java.util.Optional;

/**
 * Which functions exist, as the gateway sees them. Standalone: the control plane's store;
 * Kubernetes: an informer on Function resources.
 */
public interface FunctionDirectory {
    Optional<ResolvedFunction> find(String tenant, String namespace, String name);
}
