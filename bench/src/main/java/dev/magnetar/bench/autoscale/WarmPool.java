package dev.magnetar.bench.autoscale;

import dev.magnetar.bench.gateway.ControlPlaneProcess;
import java.util.Map;

/**
 * The control plane's pool of pre-started runtime JVMs that a replica starting from zero can take over. Every
 * autoscaling scenario sets its size explicitly, so each side measures what it says; a control plane without a
 * pool ignores the setting.
 */
final class WarmPool {
    static final String SIZE_PROPERTY = "magnetar.replicas.warm-pool-size";

    private WarmPool() {
    }

    /** A control plane with a pool of {@code size} JVMs; 0 for none. */
    static ControlPlaneProcess.Extra ofSize(int size) {
        return new ControlPlaneProcess.Extra(Map.of(SIZE_PROPERTY, Integer.toString(size)), null);
    }
}
