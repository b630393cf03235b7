package dev.magnetar.bench.gateway;

import dev.magnetar.bench.harness.MachineCpuTimes;
import dev.magnetar.bench.harness.ProcessCpu;
import dev.magnetar.bench.harness.StealGuard;
import dev.magnetar.bench.http.HttpLoadSettings;
import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.scenario.BenchContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the gateway scenarios drive their sides: the loads, the warm-up every side gets before it is measured, one
 * measured run, and one round-robin pass over the sides.
 */
final class GatewayRuns {
    static final List<Integer> OPEN_RATES = List.of(500, 2_000);
    static final int WARMUP_SECONDS = 2;
    static final int CLOSED_CALLS_PER_SECOND = 100;
    /**
     * Every side is a fresh JVM, and a gateway is a long-running server: before anything is measured each side answers
     * {@value #JIT_WARMUP_SECONDS} s at {@value #JIT_WARMUP_RATE} req/s. Without it the control plane's C2 compiler
     * is still compiling the request path through the first measured runs, and those runs measure the compiler.
     */
    static final int JIT_WARMUP_RATE = 1_500;
    static final int JIT_WARMUP_SECONDS = 16;
    /**
     * Then each load the side is measured at, once and unrecorded: {@value #PATTERN_WARMUP_CLOSED_CALLS} closed-loop
     * calls and {@value #PATTERN_WARMUP_SECONDS} s at each open-loop rate. After the rate warm-up alone the control
     * plane's compiler still deoptimises and recompiles parts of the request path whenever the load pattern changes.
     */
    static final int PATTERN_WARMUP_CLOSED_CALLS = 2_000;
    static final int PATTERN_WARMUP_SECONDS = 3;

    private GatewayRuns() {
    }

    /** Closed loop with one call in flight, then open loop at each of {@link #OPEN_RATES}. */
    static List<String> loads() {
        List<String> loads = new ArrayList<>();
        loads.add(GatewayTargets.CLOSED_LOOP);
        OPEN_RATES.forEach(rate -> loads.add(openLoad(rate)));
        return loads;
    }

    static String openLoad(int rate) {
        return String.format("%,d req/s", rate);
    }

    /** What every gateway scenario's report says about its loads, warm-up, function and load client. */
    static Map<String, String> settings(BenchContext context) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("loads", loads().toString());
        settings.put("secondsPerOpenLoopRun", Integer.toString(context.seconds()));
        settings.put("jitWarmUp", warmUpRule());
        settings.put("closedLoopCalls", Integer.toString(CLOSED_CALLS_PER_SECOND * context.seconds()));
        settings.put("function", EchoFunction.SETTINGS);
        settings.put("httpClient", "Netty HTTP/1.1 load client in the bench JVM: keep-alive pool of at most "
                + HttpLoadSettings.DEFAULT_MAX_CONNECTIONS + " connections per side, one call in flight per connection");
        settings.put("disturbedRuns", StealGuard.RULE);
        settings.put("repetitions", context.repetitions() + " per load and side, round-robin; the table shows the median"
                + " of each percentile over them (min–max), the notes the medians");
        return settings;
    }

    private static String warmUpRule() {
        return JIT_WARMUP_SECONDS + " s at " + JIT_WARMUP_RATE + " req/s per side before the first run, then "
                + PATTERN_WARMUP_CLOSED_CALLS + " closed-loop calls and " + PATTERN_WARMUP_SECONDS + " s at each"
                + " open-loop rate; then " + WARMUP_SECONDS + " s (open loop) or " + CLOSED_CALLS_PER_SECOND * WARMUP_SECONDS
                + " calls (closed loop) before each run";
    }

    /** One measured run of each side at {@code load}, in order, each repeated while the machine's steal disturbs it. */
    static List<LatencyResult> round(BenchContext context, StealGuard<LatencyResult> guard, Map<String, Side> sides,
                                     String load) throws IOException {
        List<LatencyResult> results = new ArrayList<>();
        for (Map.Entry<String, Side> side : sides.entrySet()) {
            results.add(guard.measure(() -> measure(context, side.getKey(), side.getValue(), load)));
        }
        return results;
    }

    static LatencyResult measure(BenchContext context, String name, Side side, String load) {
        long cpu0 = ProcessCpu.millis(side.pid());
        long broker0 = ProcessCpu.millis(context.brokerPid());
        MachineCpuTimes machine0 = MachineCpuTimes.read();
        LoadDriver.Outcome outcome;
        double rate;
        if (load.equals(GatewayTargets.CLOSED_LOOP)) {
            rate = 0;
            long calls = (long) CLOSED_CALLS_PER_SECOND * context.seconds();
            outcome = LoadDriver.closedLoop(side.caller(), CLOSED_CALLS_PER_SECOND * WARMUP_SECONDS, calls, side.pause());
        } else {
            rate = Double.parseDouble(load.replaceAll("[^0-9]", ""));
            outcome = LoadDriver.openLoop(side.caller(), rate, (long) rate * WARMUP_SECONDS, (long) rate * context.seconds());
        }
        double steal = MachineCpuTimes.read().stealPercentSince(machine0);
        System.out.printf("[%s] %s: %,d calls, %,d errors, p50 %.2f ms, p99 %.2f ms, machine steal %.1f %%%s%n", name,
                load, outcome.sent(), outcome.errors(), outcome.latencies().summary().p50(),
                outcome.latencies().summary().p99(), steal,
                outcome.firstError() == null ? "" : "; first error: " + outcome.firstError());
        return new LatencyResult(name, load, rate, outcome.sent(), outcome.errors(), outcome.latencies().summary(),
                outcome.latencies().curve(LatencyResult.CURVE_PERCENTILES), ProcessCpu.millis(side.pid()) - cpu0,
                ProcessCpu.millis(context.brokerPid()) - broker0, steal);
    }

    /** The JIT warm-up, then each measured load once; nothing recorded. */
    static void warmUp(String name, Side side) {
        LoadDriver.Outcome outcome = LoadDriver.openLoop(side.caller(), JIT_WARMUP_RATE, 0,
                (long) JIT_WARMUP_RATE * JIT_WARMUP_SECONDS);
        System.out.printf("[%s] JIT warm-up, %,d req/s for %d s (not recorded): %,d errors, p99 %.2f ms%n", name,
                JIT_WARMUP_RATE, JIT_WARMUP_SECONDS, outcome.errors(), outcome.latencies().summary().p99());
        long errors = LoadDriver.closedLoop(side.caller(), 0, PATTERN_WARMUP_CLOSED_CALLS).errors();
        for (int rate : OPEN_RATES) {
            errors += LoadDriver.openLoop(side.caller(), rate, 0, (long) rate * PATTERN_WARMUP_SECONDS).errors();
        }
        System.out.printf("[%s] warm-up at each measured load (not recorded): %,d errors%n", name, errors);
    }
}
