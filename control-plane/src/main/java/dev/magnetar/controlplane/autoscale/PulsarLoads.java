package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.replicas.ReplicaScaler.Autoscaled;
import dev.magnetar.bridge.provision.SubscriptionBacklog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load of standalone functions: each subscription's backlog from the Pulsar admin API, and the gateway calls
 * waiting for each function.
 */
public final class PulsarLoads implements LoadObserver {
    private final SubscriptionBacklog backlogs;
    private final GatewayCalls calls;

    public PulsarLoads(SubscriptionBacklog backlogs, GatewayCalls calls) {
        this.backlogs = backlogs;
        this.calls = calls;
    }

    @Override
    public Map<String, Observation> observe(List<Autoscaled> functions) {
        Map<String, Observation> seen = new HashMap<>();
        for (Autoscaled function : functions) {
            String fqfn = function.function().fqfn();
            long backlog = backlogs.backlog(function.function());
            seen.put(fqfn, new Observation(backlog < 0 ? null : backlog, 0, 0, 0, calls.waiting(fqfn), null, false));
        }
        return seen;
    }
}
