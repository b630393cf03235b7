package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.replicas.ReplicaScaler;
import dev.magnetar.api.replicas.ReplicaScaler.Autoscaled;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import dev.magnetar.controlplane.service.ScaleView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode's autoscaler: every {@code interval} it observes the load of every autoscaled function in one go,
 * asks {@link ScaleDecider} what each needs, and moves the replica count only when that changes. A gateway call to a
 * function at zero replicas does not wait for the next look: it wakes the function at once.
 */
public final class Autoscaler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);

    private final ReplicaScaler scaler;
    private final LoadObserver loads;
    private final GatewayCalls calls;
    private final ScaleMetrics metrics;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final Set<String> woken = ConcurrentHashMap.newKeySet();

    /** What the autoscaler remembers of one function. */
    private record Tracked(ScalingHistory history, int desired, ScaleEvent last) {
    }

    public Autoscaler(ReplicaScaler scaler, LoadObserver loads, GatewayCalls calls, ScaleMetrics metrics, Clock clock,
                      Duration interval) {
        this.scaler = scaler;
        this.loads = loads;
        this.calls = calls;
        this.metrics = metrics;
        this.clock = clock;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "magnetar-autoscaler");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts looking every interval, and listening for gateway calls. */
    public void start() {
        calls.onCall(this::wake);
        executor.scheduleWithFixedDelay(this::lookSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A call or message arrived for {@code fqfn}: at zero replicas it gets one now, without waiting for the load to
     * show in the backlog; otherwise the next look counts it.
     */
    public void wake(String fqfn) {
        woken.add(fqfn);
        Tracked known = tracked.get(fqfn);
        if (known == null || known.desired() == 0) {
            executor.execute(() -> wakeSafely(fqfn));
        }
    }

    private void wakeSafely(String fqfn) {
        try {
            for (Autoscaled function : scaler.autoscaled()) {
                if (function.function().fqfn().equals(fqfn) && function.replicas() == 0) {
                    Observation seen = new Observation(null, 0, 0, 0, calls.waiting(fqfn), null, true);
                    woken.remove(fqfn);
                    decide(function, seen);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("autoscaler: waking {} failed: {}", fqfn, e.toString());
        }
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            // The next look tries again; replicas keep their count meanwhile.
            LOG.warn("autoscaler: observing the functions' load failed, replica counts stay as they are: {}", e.toString());
        }
    }

    /** One look at every autoscaled function: observe all at once, then decide each. */
    void look() {
        List<Autoscaled> functions = scaler.autoscaled();
        Set<String> running = new java.util.HashSet<>(functions.stream().map(f -> f.function().fqfn()).toList());
        for (String gone : List.copyOf(tracked.keySet())) {
            if (!running.contains(gone)) {
                tracked.remove(gone);
                metrics.forget(gone);
            }
        }
        if (functions.isEmpty()) {
            return;
        }
        Map<String, Observation> seen = loads.observe(functions);
        for (Autoscaled function : functions) {
            String fqfn = function.function().fqfn();
            Observation observation = seen.getOrDefault(fqfn,
                    new Observation(null, 0, 0, 0, calls.waiting(fqfn), null, false));
            decide(function, observation.withWoken(woken.remove(fqfn)));
        }
    }

    private synchronized void decide(Autoscaled function, Observation seen) {
        String fqfn = function.function().fqfn();
        Instant now = clock.instant();
        Tracked known = tracked.get(fqfn);
        ScalingHistory history = known == null ? ScalingHistory.startingAt(now) : known.history();
        ScalingPolicy policy = function.policy();
        ScaleDecision decision = ScaleDecider.decide(policy, function.replicas(), seen, history, now);
        ScaleEvent last = known == null ? null : known.last();
        LOG.debug("function {}: {} replicas, {} wanted: {}", fqfn, decision.current(), decision.desired(), decision.reason());
        if (decision.changes()) {
            last = new ScaleEvent(decision.current(), decision.desired(), decision.reason(), now.toString());
        }
        // Recorded first, so the status never shows replicas going before the decision that moved them.
        tracked.put(fqfn, new Tracked(decision.history(), decision.desired(), last));
        metrics.desired(fqfn, decision.desired(), seen.backlog());
        if (decision.changes()) {
            LOG.info("function {}: scaling from {} to {} replicas: {}", fqfn, decision.current(), decision.desired(),
                    decision.reason());
            metrics.scaled(fqfn, decision.current(), decision.desired());
            scaler.scaleTo(fqfn, decision.desired());
        }
    }

    /** What it says of {@code definition}'s function; empty when that is not autoscaled. */
    public Optional<ScaleView> view(Function definition) {
        if (ScalingPolicy.of(definition).isEmpty()) {
            return Optional.empty();
        }
        String fqfn = ResolvedFunction.of(definition).fqfn();
        Tracked known = tracked.get(fqfn);
        if (known != null) {
            return Optional.of(new ScaleView(known.desired(), known.last()));
        }
        return scaler.autoscaled().stream().filter(f -> f.function().fqfn().equals(fqfn)).findFirst()
                .map(f -> new ScaleView(f.replicas(), null));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
