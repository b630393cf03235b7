package dev.magnetar.gateway.http;

import dev.magnetar.api.function.ResolvedFunction;
import java.util.Optional;

/**
 * Which functions exist, and whether they can take calls, as the gateway sees them. Standalone: the
 * control plane's store and its replicas; Kubernetes: an informer on Function resources.
 */
public interface FunctionDirectory {
    Optional<ResolvedFunction> find(String tenant, String namespace, String name);

    /**
     * Whether calls to {@code function} can be answered now; a failing function is answered {@code 503} at
     * once instead of after its timeout. Looked up on every call, so it must answer from memory. The
     * default knows nothing: never failing.
     */
    default FunctionHealth health(ResolvedFunction function) {
        return FunctionHealth.UNKNOWN;
    }
}
