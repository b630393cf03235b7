package dev.magnetar.bench.gateway;

import dev.magnetar.bench.harness.Summary;
import dev.magnetar.bench.latency.LatencyResult;
import java.util.List;

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
        double gateway = p50(results, "GATEWAY", load);
        double http = p50(results, httpVariant, load);
        double rr = p50(results, "RAW-RR", load);
        return String.format("GATEWAY p50 %.2f ms ÷ (%s p50 %.2f + RAW-RR p50 %.2f) = %.2f", gateway, httpVariant, http,
                rr, p50TargetRatio(gateway, http, rr));
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

    /** The median p50 over the runs of {@code variant} at {@code load} (one run: its p50). */
    private static double p50(List<LatencyResult> results, String variant, String load) {
        List<Double> p50s = results.stream().filter(r -> r.variant().equals(variant) && r.load().equals(load))
                .map(r -> r.latency().p50()).toList();
        if (p50s.isEmpty()) {
            throw new IllegalArgumentException("no " + variant + " result at '" + load + "'");
        }
        return Summary.of(p50s).median();
    }
}
