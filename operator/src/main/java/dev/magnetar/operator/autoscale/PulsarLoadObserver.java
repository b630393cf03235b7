package dev.magnetar.operator.autoscale;

import dev.magnetar.bridge.load.Loads;
import dev.magnetar.bridge.load.SubscriptionLoad;
import dev.magnetar.bridge.load.SubscriptionLoads;
import dev.magnetar.bridge.load.SubscriptionRef;
import dev.magnetar.controlplane.autoscale.Observation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Functions' loads from Pulsar ({@link SubscriptionLoads}): the backlog of each one's subscription on its inputs, and
 * whether messages are flowing, which counts as a message having arrived (so a function keeping up with steady
 * traffic is not idle). Functions at zero replicas are urgent: a message for one of them should wake it at the next
 * tick. The replicas' work in progress is added by {@link ReplicaWorkObserver}; their CPU is not observed (it needs a
 * metrics API).
 */
public final class PulsarLoadObserver implements LoadObserver {
    /** A reading older than this says nothing about now: the function is taken as not observed. */
    static final Duration STALE = Duration.ofMinutes(2);

    private final SubscriptionLoads loads;
    private final Clock clock;

    public PulsarLoadObserver(SubscriptionLoads loads, Clock clock) {
        this.loads = loads;
        this.clock = clock;
    }

    @Override
    public Map<String, Observation> observe(List<AutoscaledFunction> functions) {
        Set<SubscriptionRef> wanted = new LinkedHashSet<>();
        Set<SubscriptionRef> urgent = new LinkedHashSet<>();
        for (AutoscaledFunction function : functions) {
            List<SubscriptionRef> refs = SubscriptionRef.of(function.resolved());
            wanted.addAll(refs);
            if (function.current() == 0) {
                urgent.addAll(refs);
            }
        }
        Loads read = loads.read(wanted, urgent);
        Instant staleBefore = clock.instant().minus(STALE);
        Map<String, Observation> seen = new HashMap<>();
        for (AutoscaledFunction function : functions) {
            Optional<SubscriptionLoad> load = read.forFunction(function.resolved())
                    .filter(found -> !found.asOf().isBefore(staleBefore));
            seen.put(function.key(), load.map(PulsarLoadObserver::observation)
                    .orElse(new Observation(null, 0, 0, 0, 0, null, false)));
        }
        return seen;
    }

    private static Observation observation(SubscriptionLoad load) {
        return new Observation(load.backlog(), load.rateIn(), load.rateOut(), 0, 0, null, load.flowing());
    }
}
