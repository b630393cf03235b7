package dev.magnetar.bench.latency;

import dev.magnetar.bench.harness.StealGuard;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One latency run of one variant at one load level.
 *
 * @param load     what was offered, e.g. "1000 msg/s" or "closed loop, 1 in flight"
 * @param sent     requests sent in the measured window
 * @param errors   requests that failed or never came back
 * @param curve    (percentile, ms) points for the chart
 * @param workerCpuMs CPU the worker process(es) used during the run, -1 when there is none
 * @param stealPercent share of the machine's CPU time the hypervisor took during the run, -1 when unknown
 */
public record LatencyResult(String variant, String load, double offeredRate, long sent, long errors,
        LatencySummary latency, double[][] curve, long workerCpuMs, long brokerCpuMs, double stealPercent) {
    /** The percentiles every curve is sampled at. */
    public static final double[] CURVE_PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99};

    /** Repeats latency runs the hypervisor disturbed; a run is described by variant, load, steal, p50 and p99. */
    public static StealGuard<LatencyResult> stealGuard() {
        return new StealGuard<>(LatencyResult::stealPercent, r -> String.format(
                "%s at %s (steal %.1f %%, p50 %.2f ms, p99 %.2f ms)", r.variant(), r.load(), r.stealPercent(),
                r.latency().p50(), r.latency().p99()));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variant", variant);
        out.put("load", load);
        out.put("offeredRate", offeredRate);
        out.put("sent", sent);
        out.put("errors", errors);
        out.put("p50Ms", latency.p50());
        out.put("p90Ms", latency.p90());
        out.put("p99Ms", latency.p99());
        out.put("p999Ms", latency.p999());
        out.put("maxMs", latency.max());
        out.put("workerCpuMs", workerCpuMs);
        out.put("brokerCpuMs", brokerCpuMs);
        out.put("stealPercent", stealPercent);
        return out;
    }
}
