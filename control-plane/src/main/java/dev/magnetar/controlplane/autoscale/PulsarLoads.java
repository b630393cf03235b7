package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.replicas.ReplicaScaler.Autoscaled;
import dev.magnetar.bridge.provision.SubscriptionBacklog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load of standalone functions: each subscription's backlog from the Pulsar admin API, the work each function's
 * replicas hold, and the gateway calls waiting for each function.
 */
public final class PulsarLoads implements LoadObserver {
    private final SubscriptionBacklog backlogs;
    private final ReplicaInFlight inFlight;
    private final GatewayCalls calls;

    PulsarLoads(SubscriptionBacklog backlogs, ReplicaInFlight inFlight, GatewayCalls calls) {
        this.backlogs = backlogs;
        this.inFlight = inFlight;
        this.calls = calls;
    }

    @Override
    public Map<String, Observation> observe(List<Autoscaled> functions) {
        Map<String, Observation> seen = new HashMap<>();
        Map<String, Integer> held = inFlight.of(functions.stream().map(function -> function.function().fqfn()).toList());
        for (Autoscaled function : functions) {
            String fqfn = function.function().fqfn();
            long backlog = backlogs.backlog(function.function());
            seen.put(fqfn, new Observation(backlog < 0 ? null : backlog, 0, 0, held.getOrDefault(fqfn, 0),
                    calls.waiting(fqfn), null, false));
        }
        return seen;
    }
}
