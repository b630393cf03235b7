package dev.magnetar.bench.gateway;

import dev.magnetar.bench.harness.Summary;
import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.latency.LatencySummary;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The gateway's targets, computed from results measured in the same run. */
public final class GatewayTargets {
    public static final String CLOSED_LOOP = "closed loop, 1 in flight";

    /** Measures the gateway at one rate; may throw when the run breaks down. */
    @FunctionalInterface
    public interface RateProbe {
        LatencyResult at(int rate) throws Exception;
    }

    private GatewayTargets() {
    }

    /**
     * {@code GATEWAY p50 ÷ (HTTP-ALONE p50 + RAW-RR p50)} at {@code load}, as a sentence for the report; with
     * repeated runs, each p50 is the median over that side's runs.
     */
    public static String p50Note(List<LatencyResult> results, String load) {
        return load + ": " + ratio(results, load, "HTTP-ALONE");
    }

    /**
     * The closed-loop p50 sum again with {@code pacedHttp} (the echo driven with a pause before each call) in place of
     * HTTP-ALONE: a diagnostic of what HTTP costs when its threads idle between calls, as the gateway's do while a call
     * waits for its reply. The target stays the one of {@link #p50Note}.
     */
    public static String pacedP50Note(List<LatencyResult> results, String pacedHttp, String pause) {
        return CLOSED_LOOP + ", diagnostic: " + ratio(results, CLOSED_LOOP, pacedHttp) + " (the echo idle " + pause
                + " before each call, as the gateway's HTTP threads are while a call waits for its reply)";
    }

    /** {@code GATEWAY p50 ÷ (<httpVariant> p50 + RAW-RR p50)} at {@code load}, each p50 the median over its runs. */
    private static String ratio(List<LatencyResult> results, String load, String httpVariant) {
        double gateway = median(results, "GATEWAY", load, LatencySummary::p50);
        double http = median(results, httpVariant, load, LatencySummary::p50);
        double rr = median(results, "RAW-RR", load, LatencySummary::p50);
        return String.format("GATEWAY p50 %.2f ms ÷ (%s p50 %.2f + RAW-RR p50 %.2f) = %.2f", gateway, httpVariant, http,
                rr, p50TargetRatio(gateway, http, rr));
    }

    /**
     * {@code on ÷ off} at {@code load}: the p50 ratio against {@code maxP50Ratio}, and the p99 ratio; each percentile is
     * the median over that side's runs. What switching a feature on costs one gateway against its twin without it.
     */
    public static String onOffNote(List<LatencyResult> results, String load, String off, String on, double maxP50Ratio) {
        double p50Off = median(results, off, load, LatencySummary::p50);
        double p50On = median(results, on, load, LatencySummary::p50);
        double p99Off = median(results, off, load, LatencySummary::p99);
        double p99On = median(results, on, load, LatencySummary::p99);
        double p50Ratio = p50Off > 0 ? p50On / p50Off : Double.NaN;
        return String.format("%s: %s p50 %.2f ms ÷ %s p50 %.2f ms = %.2f (target ≤ %.2f: %s); p99 %.2f ms ÷ %.2f ms"
                + " = %.2f", load, on, p50On, off, p50Off, p50Ratio, maxP50Ratio, p50Ratio <= maxP50Ratio ? "held" : "missed",
                p99On, p99Off, p99Off > 0 ? p99On / p99Off : Double.NaN);
    }

    public static double p50TargetRatio(double gateway, double httpAlone, double rawRequestReply) {
        double sum = httpAlone + rawRequestReply;
        return sum > 0 ? gateway / sum : Double.NaN;
    }

    /**
     * Tries the rates in ascending order and stops at the first that misses (p99 above {@code maxP99Ms}, any error,
     * or a broken run); reports the highest rate that held.
     */
    public static String rateSearch(RateProbe probe, List<Integer> rates, double maxP99Ms) {
        Integer best = null;
        String stop = "every rate tried held";
        for (int rate : rates) {
            try {
                LatencyResult result = probe.at(rate);
                if (result.errors() > 0 || result.latency().p99() > maxP99Ms) {
                    stop = String.format("%,d req/s missed: p99 %.2f ms, %,d errors", rate, result.latency().p99(),
                            result.errors());
                    break;
                }
                best = rate;
            } catch (Exception e) {
                stop = String.format("%,d req/s failed: %s", rate, e.getMessage());
                break;
            }
        }
        return String.format("rate search (p99 ≤ %.0f ms, no errors): highest rate held %s; %s", maxP99Ms,
                best == null ? "none" : String.format("%,d req/s", best), stop);
    }

    /** The median of one percentile over the runs of {@code variant} at {@code load} (one run: its value). */
    private static double median(List<LatencyResult> results, String variant, String load,
                                 ToDoubleFunction<LatencySummary> percentile) {
        List<Double> values = results.stream().filter(r -> r.variant().equals(variant) && r.load().equals(load))
                .map(r -> percentile.applyAsDouble(r.latency())).toList();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no " + variant + " result at '" + load + "'");
        }
        return Summary.of(values).median();
    }
}
