package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.replicas.ReplicaScaler.Autoscaled;
import dev.magnetar.bridge.load.Loads;
import dev.magnetar.bridge.load.SubscriptionLoad;
import dev.magnetar.bridge.load.SubscriptionLoads;
import dev.magnetar.bridge.load.SubscriptionRef;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The load of standalone functions: every subscription's backlog and rates in one read of the broker's topic dump
 * ({@link SubscriptionLoads}; functions at zero replicas read first and freshest), the work each function's replicas
 * hold and the CPU they use, and the gateway calls waiting for each. Messages flowing through a subscription keep its
 * function awake.
 */
public final class PulsarLoads implements LoadObserver {
    private final SubscriptionLoads subscriptions;
    private final ReplicaInFlight inFlight;
    private final ReplicaCpu cpu;
    private final GatewayCalls calls;

    PulsarLoads(SubscriptionLoads subscriptions, ReplicaInFlight inFlight, ReplicaCpu cpu, GatewayCalls calls) {
        this.subscriptions = subscriptions;
        this.inFlight = inFlight;
        this.cpu = cpu;
        this.calls = calls;
    }

    @Override
    public Map<String, Observation> observe(List<Autoscaled> functions) {
        Set<SubscriptionRef> wanted = new LinkedHashSet<>();
        Set<SubscriptionRef> urgent = new LinkedHashSet<>();
        for (Autoscaled function : functions) {
            List<SubscriptionRef> refs = SubscriptionRef.of(function.function());
            wanted.addAll(refs);
            if (function.replicas() == 0) {
                urgent.addAll(refs);
            }
        }
        Loads read = subscriptions.read(wanted, urgent);
        Map<String, ReplicaInFlight.Held> held = inFlight.of(functions.stream()
                .map(function -> function.function().fqfn()).toList());
        Map<String, Double> used = cpu.of(functions);
        Map<String, Observation> seen = new HashMap<>();
        for (Autoscaled function : functions) {
            String fqfn = function.function().fqfn();
            Optional<SubscriptionLoad> load = read.forFunction(function.function());
            ReplicaInFlight.Held replicas = held.getOrDefault(fqfn, new ReplicaInFlight.Held(0, 0));
            seen.put(fqfn, new Observation(load.map(SubscriptionLoad::backlog).orElse(null),
                    load.map(SubscriptionLoad::rateIn).orElse(0.0), load.map(SubscriptionLoad::rateOut).orElse(0.0),
                    replicas.inFlight(), calls.waiting(fqfn), used.get(fqfn),
                    load.map(SubscriptionLoad::flowing).orElse(false), replicas.unheard()));
        }
        return seen;
    }
}
