package dev.magnetar.bench.autoscale;

import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.FunctionCode;
import dev.magnetar.bench.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "scale-from-zero": the first reply of a function at zero replicas (exclamation, minReplicas 0), through the gateway
 * and through its input topic. Two control planes run side by side, each with its own copy of the function: POOL
 * with a warm pool of pre-started runtime JVMs, NO-POOL without. WARM is a gateway call to the NO-POOL function while
 * its replica runs, after a few calls. Before each cold call the function is back at zero: idle, no replica listed,
 * its last replica exited.
 */
public final class ScaleFromZeroScenario implements Scenario {
    public static final String NAME = "scale-from-zero";
    static final String GATEWAY = "gateway";
    static final String TOPIC = "topic";
    static final String WARM = "WARM";
    static final String POOL = "POOL";
    static final String NO_POOL = "NO-POOL";
    static final int POOL_SIZE = 2;
    /** Cold calls per side without {@code --runs}: each run waits twice for both functions to go back to zero. */
    static final int DEFAULT_RUNS = 10;
    static final int WARM_UP_CALLS = 50;
    static final double POOL_TARGET_MS = 150;
    /**
     * After both functions are back at zero, a quiet moment before the next cold call: a pool that lent a JVM starts
     * its replacement, and the call should not compete with that start.
     */
    static final Duration QUIET = Duration.ofSeconds(1);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        int runs = context.runsOr(DEFAULT_RUNS);
        Path dir = Files.createDirectories(context.workDir().resolve("scale-from-zero-" + System.nanoTime()));
        FunctionCode code = FunctionCode.exclamation(context.installation());
        Map<String, List<Double>> gateway = sides();
        Map<String, List<Double>> topic = sides();
        List<Double> warm = new ArrayList<>();
        try (ZeroSide pool = ZeroSide.start(context, dir.resolve("control-plane-pool"), "bench-zero-pool", code,
                POOL_SIZE);
             ZeroSide noPool = ZeroSide.start(context, dir.resolve("control-plane-no-pool"), "bench-zero-no-pool",
                     code, 0)) {
            Map<String, ZeroSide> sides = Map.of(POOL, pool, NO_POOL, noPool);
            // Unrecorded: the first replica of each control plane writes the class data archive every later one maps.
            round(sides, List.of(POOL, NO_POOL), "first", sides(), sides());
            for (int i = 0; i < runs; i++) {
                // Each side goes first every other run: neither always starts next to the other's fresh replica.
                List<String> order = i % 2 == 0 ? List.of(POOL, NO_POOL) : List.of(NO_POOL, POOL);
                round(sides, order, Integer.toString(i), gateway, topic);
                warm.add(warmCall(noPool, i));
                System.out.printf("[%s] run %d: gateway POOL %.0f ms, NO-POOL %.0f ms, WARM %.1f ms; topic POOL %.0f ms,"
                        + " NO-POOL %.0f ms%n", NAME, i + 1, last(gateway.get(POOL)), last(gateway.get(NO_POOL)),
                        last(warm), last(topic.get(POOL)), last(topic.get(NO_POOL)));
            }
        }
        List<FirstReplyOutcome.Measured> measured = List.of(new FirstReplyOutcome.Measured(GATEWAY, WARM, warm),
                new FirstReplyOutcome.Measured(GATEWAY, POOL, gateway.get(POOL)),
                new FirstReplyOutcome.Measured(GATEWAY, NO_POOL, gateway.get(NO_POOL)),
                new FirstReplyOutcome.Measured(TOPIC, POOL, topic.get(POOL)),
                new FirstReplyOutcome.Measured(TOPIC, NO_POOL, topic.get(NO_POOL)));
        return FirstReplyOutcome.of(NAME, settings(runs), measured, WARM, NO_POOL, POOL, POOL_TARGET_MS);
    }

    /** One cold gateway call to each side in {@code order}, then, after both are at zero again, one cold message. */
    private static void round(Map<String, ZeroSide> sides, List<String> order, String run,
                              Map<String, List<Double>> gateway, Map<String, List<Double>> topic) throws IOException {
        awaitZero(sides);
        for (String side : order) {
            gateway.get(side).add(sides.get(side).gatewayCallMillis("cold-" + run));
        }
        awaitZero(sides);
        for (String side : order) {
            topic.get(side).add(sides.get(side).topicMessageMillis("cold-topic-" + run));
        }
    }

    /** A gateway call to a running replica after {@link #WARM_UP_CALLS} unrecorded ones. */
    private static double warmCall(ZeroSide side, int run) throws IOException {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            side.gatewayCallMillis("warm-up-" + i);
        }
        return side.gatewayCallMillis("warm-" + run);
    }

    private static void awaitZero(Map<String, ZeroSide> sides) throws IOException {
        for (ZeroSide side : sides.values()) {
            side.awaitZero();
        }
        try {
            Thread.sleep(QUIET.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, List<Double>> sides() {
        Map<String, List<Double>> sides = new LinkedHashMap<>();
        sides.put(POOL, new ArrayList<>());
        sides.put(NO_POOL, new ArrayList<>());
        return sides;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static Map<String, String> settings(int runs) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("runs", runs + " cold calls per side and path (--runs, default " + DEFAULT_RUNS + "), after one"
                + " unrecorded round");
        settings.put("function", "exclamation sample, autoscaling minReplicas 0, maxReplicas 1, scaleToZeroAfterSeconds "
                + ScalingFunctions.SCALE_TO_ZERO_AFTER_SECONDS + "; its own copy in each control plane");
        settings.put("sides", POOL + ": a control plane with " + WarmPool.SIZE_PROPERTY + "=" + POOL_SIZE + "; "
                + NO_POOL + ": one with " + WarmPool.SIZE_PROPERTY + "=0; " + WARM + ": a gateway call to the "
                + NO_POOL + " function while its replica runs, after " + WARM_UP_CALLS + " unrecorded calls");
        settings.put("measured", GATEWAY + ": HTTP POST sent to the whole reply received (JDK HTTP client, kept-alive"
                + " connection); " + TOPIC + ": message sent to its output received in the bench JVM");
        settings.put("atZero", "before each cold call both functions' status shows idle and no instance, their last"
                + " replicas have exited, then " + QUIET.toMillis() + " ms pass; the sides alternate who goes first");
        settings.put("target", String.format("%s, %s p50 ≤ %.0f ms", GATEWAY, POOL, POOL_TARGET_MS));
        return settings;
    }
}
