package dev.magnetar.bench.autoscale;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bench.gateway.ControlPlaneProcess;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.FunctionCode;
import dev.magnetar.bench.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "autoscale-burst": a burst of unbatched messages on a 5 ms function (async-enrich, concurrency 4) in one real
 * control plane. AUTOSCALED starts at 1 replica and may grow to 4 on its backlog; FIXED-4 runs 4 replicas, all
 * ready, before the burst. Measured: the autoscaler's reaction (first publish to the first status answer showing a
 * replica added) and the drain (first publish to last output) of both sides, with a timeline of backlog and replicas.
 */
public final class AutoscaleBurstScenario implements Scenario {
    public static final String NAME = "autoscale-burst";
    static final String AUTOSCALED = "AUTOSCALED";
    static final String FIXED = "FIXED-" + ScalingFunctions.BURST_MAX_REPLICAS;
    /** Burst size unless {@code --messages} is smaller: about 16 s of work for four replicas. */
    static final int DEFAULT_MESSAGES = 50_000;
    /** One unrecorded burst of this many first warms the broker and the bench's producer and consumer. */
    static final int WARMUP_MESSAGES = 10_000;
    static final long DELAY_MS = 5;
    static final double REACTION_TARGET_SECONDS = 2;
    static final double DRAIN_RATIO_TARGET = 1.2;
    /** The autoscaler alone: every replica it adds starts as a new JVM. */
    static final int WARM_POOL_SIZE = 0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        int messages = Math.min(context.messages(), DEFAULT_MESSAGES);
        Path dir = Files.createDirectories(context.workDir().resolve("autoscale-burst-" + System.nanoTime()));
        FunctionCode code = FunctionCode.asyncEnrich(context.installation(), DELAY_MS);
        List<BurstRun.Result> results = new ArrayList<>();
        try (ControlPlaneProcess plane = ControlPlaneProcess.start(context.installation(), context.serviceUrl(),
                context.adminUrl(), dir.resolve("control-plane"), ControlPlaneProcess.freePort(), context.jfr(),
                WarmPool.ofSize(WARM_POOL_SIZE))) {
            BurstRun burst = new BurstRun(context.client(), plane);
            BurstRun.Result warmUp = burst.measure("warm-up", fixed(code, "warm-up"), ScalingFunctions.BURST_MAX_REPLICAS,
                    Math.min(messages, WARMUP_MESSAGES));
            System.out.printf("[%s] warm-up burst of %,d (not recorded): drain %.2f s%n", NAME, warmUp.messages(),
                    warmUp.drainSeconds());
            // Round-robin, the baseline first in each round: outside load spreads over both sides.
            for (int i = 1; i <= context.repetitions(); i++) {
                results.add(print(burst.measure(FIXED, fixed(code, "fixed-" + i), ScalingFunctions.BURST_MAX_REPLICAS,
                        messages)));
                results.add(print(burst.measure(AUTOSCALED, ScalingFunctions.autoscaledBurst(code,
                        "bench-burst-autoscaled-" + i), 1, messages)));
            }
        }
        return new BurstOutcome(FIXED, AUTOSCALED, ScalingFunctions.BURST_MAX_REPLICAS).of(NAME,
                settings(context, messages), results);
    }

    private static Function fixed(FunctionCode code, String run) {
        return ScalingFunctions.fixedBurst(code, "bench-burst-" + run, ScalingFunctions.BURST_MAX_REPLICAS);
    }

    private static BurstRun.Result print(BurstRun.Result r) {
        System.out.printf("[%s] %,d messages: drain %.2f s, publish %.2f s, first added replica %s s, peak %d replicas%n",
                r.side(), r.messages(), r.drainSeconds(), r.publishSeconds(),
                r.timeline().reactionSeconds(1).isPresent() && r.side().equals(AUTOSCALED)
                        ? String.format("%.2f", r.timeline().reactionSeconds(1).getAsDouble()) : "—",
                r.timeline().peakInstances());
        return r;
    }

    private static Map<String, String> settings(BenchContext context, int messages) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("messages", String.format("%,d per burst (min(--messages, %,d)), unbatched, published as fast as"
                + " the broker takes them", messages, DEFAULT_MESSAGES));
        settings.put("function", "async-enrich sample, delayMs " + DELAY_MS + ", concurrency "
                + ScalingFunctions.BURST_CONCURRENCY + " per replica (800 msg/s per replica at best), a fresh"
                + " deployment with its own topics per run");
        settings.put(AUTOSCALED, "autoscaling minReplicas 1, maxReplicas " + ScalingFunctions.BURST_MAX_REPLICAS
                + ", targetBacklogPerReplica " + ScalingFunctions.BURST_BACKLOG_PER_REPLICA
                + ", scaleDownStabilizationSeconds " + ScalingFunctions.BURST_SCALE_DOWN_SECONDS
                + "; the burst starts with 1 replica ready");
        settings.put(FIXED, ScalingFunctions.BURST_MAX_REPLICAS + " replicas, no autoscaling, all ready before the burst");
        settings.put("controlPlane", "one control plane (own JVM) with its defaults (autoscaler interval 1 s, replica"
                + " start interval 500 ms) and " + WarmPool.SIZE_PROPERTY + "=" + WARM_POOL_SIZE);
        settings.put("measured", "drain: first publish to the last order's output in the bench JVM; reaction: first"
                + " publish to the first status answer (polled every " + StatusPoller.INTERVAL.toMillis() + " ms) with"
                + " more than 1 replica wanted or running");
        settings.put("repetitions", context.repetitions() + " per side, round-robin, after one unrecorded "
                + WARMUP_MESSAGES + "-message burst on " + FIXED);
        settings.put("targets", String.format("first added replica ≤ %.0f s; drain ≤ %.1f × %s's",
                REACTION_TARGET_SECONDS, DRAIN_RATIO_TARGET, FIXED));
        return settings;
    }
}
