package dev.magnetar.bench.latency;

import java.util.ArrayList;
import java.util.List;

/**
 * The latency table: one row per (load, variant), percentiles in ms and the p50/p99 ratio to the baseline
 * variant at the same load (the baseline is the first variant listed for that load).
 */
public final class LatencyTable {
    private LatencyTable() {
    }

    public static List<String> header() {
        return List.of("load", "variant", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "p50 ratio", "p99 ratio",
                "sent", "errors", "worker CPU ms", "steal %");
    }

    public static List<List<String>> rows(List<LatencyResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (LatencyResult r : results) {
            LatencyResult base = baselineFor(results, r.load());
            rows.add(List.of(r.load(), r.variant(), ms(r.latency().p50()), ms(r.latency().p90()), ms(r.latency().p99()),
                    ms(r.latency().p999()), ms(r.latency().max()),
                    String.format("%.2f", ratio(r.latency().p50(), base.latency().p50())),
                    String.format("%.2f", ratio(r.latency().p99(), base.latency().p99())),
                    String.format("%,d", r.sent()), String.format("%,d", r.errors()),
                    r.workerCpuMs() < 0 ? "—" : String.format("%,d", r.workerCpuMs()),
                    r.stealPercent() < 0 ? "—" : String.format("%.1f", r.stealPercent())));
        }
        return rows;
    }

    /** The first result recorded at {@code load}. */
    public static LatencyResult baselineFor(List<LatencyResult> results, String load) {
        return results.stream().filter(r -> r.load().equals(load)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result at load '" + load + "'"));
    }

    /** {@code value / baseline}; above 1 means slower than the baseline. NaN when the baseline is 0. */
    public static double ratio(double value, double baseline) {
        return baseline > 0 ? value / baseline : Double.NaN;
    }

    private static String ms(double value) {
        return String.format("%.2f", value);
    }
}
