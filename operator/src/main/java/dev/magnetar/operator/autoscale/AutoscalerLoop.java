package dev.magnetar.operator.autoscale;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.controlplane.autoscale.Observation;
import dev.magnetar.controlplane.autoscale.ScaleDecider;
import dev.magnetar.controlplane.autoscale.ScaleDecision;
import dev.magnetar.controlplane.autoscale.ScalingHistory;
import dev.magnetar.operator.leader.LeaderWork;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magnetar's autoscaler on Kubernetes, run by the leader only: every interval, the Functions with {@code autoscaling}
 * and engine {@code magnetar} (from the reconcile loop's informer, so no API server call) are observed together
 * ({@link LoadObserver}, one batch), each is decided by {@link ScaleDecider}, and what changes is written by the
 * {@link FunctionScaler}. While autoscaling is on it alone owns the count: a count written by hand ({@code kubectl
 * scale}) is put back at the next tick. Nothing is written when nothing changes.
 *
 * <p>It remembers, per function, the decisions' history (for the stabilization windows and the idle time) and the count
 * it last wanted, which the informer may not show yet; a new leader starts from the counts the status records.
 */
public final class AutoscalerLoop implements LeaderWork {
    private static final Logger LOG = LoggerFactory.getLogger(AutoscalerLoop.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** What is remembered of a function between ticks; {@code unrecorded} is a change its status does not show yet. */
    private record Tracked(ScalingHistory history, int desired, ScaleEvent unrecorded) {
    }

    /** Whether a generation of a function passed validation (checked once per generation). */
    private record Validity(Long generation, boolean valid) {
    }

    private final Supplier<List<Function>> functions;
    private final LoadObserver observer;
    private final FunctionScaler scaler;
    private final AutoscalerMetrics metrics;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final AtomicBoolean lookQueued = new AtomicBoolean();
    private final Map<String, Validity> validity = new HashMap<>();
    private final Map<String, String> lastErrors = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "magnetar-autoscaler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param functions every Function the controller sees, as its informer last saw them */
    public AutoscalerLoop(Supplier<List<Function>> functions, LoadObserver observer, FunctionScaler scaler,
                          MeterRegistry registry, Clock clock, Duration interval) {
        this.functions = functions;
        this.observer = observer;
        this.scaler = scaler;
        this.metrics = new AutoscalerMetrics(registry);
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void start() {
        LOG.info("Autoscaling Functions every {} ms", interval.toMillis());
        timer.scheduleWithFixedDelay(this::tickSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Looks at every function soon, without waiting for the interval (a call arrived); one look queued at most. */
    public void lookNow() {
        if (lookQueued.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    lookQueued.set(false);
                    tickSafely();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                lookQueued.set(false); // closing: no more looks
            }
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            warnOnce("tick", "The autoscaler's tick failed: " + e.getMessage(), e);
        }
    }

    /** One look at every autoscaled function. */
    void tick() {
        Instant now = clock.instant();
        List<AutoscaledFunction> watched = new ArrayList<>();
        Set<String> candidates = new HashSet<>();
        for (Function function : functions.get()) {
            AutoscaledFunction autoscaled = autoscaled(function, candidates);
            if (autoscaled != null) {
                watched.add(autoscaled);
            }
        }
        forgetAllBut(watched, candidates);
        if (watched.isEmpty()) {
            return;
        }
        Map<String, Observation> seen;
        try {
            seen = observer.observe(watched);
            lastErrors.remove("observe");
        } catch (RuntimeException e) {
            warnOnce("observe", "Could not observe the functions' loads; holding their counts: " + e.getMessage(), e);
            seen = Map.of();
        }
        for (AutoscaledFunction function : watched) {
            Observation observation = seen.getOrDefault(function.key(), new Observation(null, 0, 0, 0, 0, null, false));
            try {
                step(function, observation, now);
                lastErrors.remove(function.key());
            } catch (KubernetesClientException e) {
                warnOnce(function.key(), "Could not scale function " + function.key() + ": " + e.getMessage(), null);
            }
        }
    }

    private void step(AutoscaledFunction function, Observation seen, Instant now) {
        String id = id(function.function());
        Tracked before = tracked.get(id);
        ScalingHistory history = before == null ? ScalingHistory.startingAt(now) : before.history();
        ScaleDecision decision = ScaleDecider.decide(function.policy(), function.current(), seen, history, now);
        int desired = decision.desired();
        ScaleEvent unrecorded = before == null ? null : before.unrecorded();
        if (desired != function.recorded()) {
            String reason = decision.changes() ? decision.reason() : "the count was outside minReplicas "
                    + function.policy().minReplicas() + " and maxReplicas " + function.policy().maxReplicas();
            unrecorded = new ScaleEvent(function.recorded(), desired, reason, now.truncatedTo(ChronoUnit.SECONDS).toString());
            LOG.info("Function {} ({}) {}", function.resolved().fqfn(), function.key(), FunctionScaler.describe(unrecorded));
            metrics.decided(function, function.recorded(), desired);
        }
        // Remembered before writing: a write that fails is retried from here, the decision is not made twice.
        tracked.put(id, new Tracked(decision.history(), desired, unrecorded));
        if (unrecorded != null && scaler.record(function.function(), unrecorded, seen.backlog())) {
            tracked.put(id, new Tracked(decision.history(), desired, null));
        }
        scaler.scale(function.function(), desired);
        metrics.desired(function, desired);
    }

    /**
     * The function as the autoscaler sees it, or null when it does not size it (no autoscaling, KEDA, invalid, going).
     * {@code candidates} gets the id of each function with engine magnetar, valid or not.
     */
    private AutoscaledFunction autoscaled(Function function, Set<String> candidates) {
        if (function.getSpec() == null || function.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        ScalingPolicy policy = ScalingPolicy.of(function).orElse(null);
        if (policy == null || policy.engine() != ScalingPolicy.Engine.MAGNETAR) {
            return null;
        }
        candidates.add(id(function));
        if (!valid(function)) {
            return null;
        }
        ResolvedFunction resolved = ResolvedFunction.of(function);
        Tracked known = tracked.get(id(function));
        Integer status = function.getStatus() == null ? null : function.getStatus().getDesiredReplicas();
        int recorded = known != null ? known.desired() : status != null ? status : resolved.replicas();
        return new AutoscaledFunction(function, resolved, policy, recorded);
    }

    private boolean valid(Function function) {
        String id = id(function);
        Long generation = function.getMetadata().getGeneration();
        Validity known = validity.get(id);
        if (known == null || !Objects.equals(known.generation(), generation)) {
            known = new Validity(generation, FunctionValidator.validate(function).isEmpty());
            validity.put(id, known);
        }
        return known.valid();
    }

    /** Forgets the functions no longer autoscaled; the validity of an invalid one is kept until it changes. */
    private void forgetAllBut(List<AutoscaledFunction> watched, Set<String> candidates) {
        tracked.keySet().retainAll(watched.stream().map(function -> id(function.function())).collect(Collectors.toSet()));
        metrics.retain(watched.stream().map(AutoscaledFunction::key).collect(Collectors.toSet()));
        validity.keySet().retainAll(candidates);
    }

    /** The uid: a function deleted and created again under its name starts afresh. */
    private static String id(Function function) {
        String uid = function.getMetadata().getUid();
        return uid != null ? uid : function.getMetadata().getNamespace() + "/" + function.getMetadata().getName();
    }

    /** A failure that repeats every tick is logged when it starts and when its message changes, not every second. */
    private void warnOnce(String key, String message, Throwable error) {
        if (message.equals(lastErrors.put(key, message))) {
            LOG.debug("{}", message);
        } else if (error == null) {
            LOG.warn("{}", message);
        } else {
            LOG.warn("{}", message, error);
        }
    }
}
