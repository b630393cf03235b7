package dev.magnetar.bench.latency;

import dev.magnetar.bench.harness.Summary;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency table over repeated runs: one row per (load, variant) with the median of each percentile
 * (min–max for p50 and p99), and the p50/p99 ratios of the medians to the baseline (the first variant
 * listed at that load).
 */
public final class RepeatedLatencyTable {
    private RepeatedLatencyTable() {
    }

    public static List<String> header() {
        return List.of("load", "variant", "runs", "p50 ms median (min–max)", "p90 ms", "p99 ms median (min–max)",
                "p99.9 ms", "max ms", "p50 ratio", "p99 ratio", "sent", "errors", "worker CPU ms/run",
                "steal % median (max)");
    }

    public static List<List<String>> rows(List<LatencyRepetitions> groups) {
        List<List<String>> rows = new ArrayList<>();
        for (LatencyRepetitions g : groups) {
            LatencyRepetitions base = baselineFor(groups, g.load());
            rows.add(List.of(g.load(), g.variant(), Integer.toString(g.runs().size()), withRange(g.p50()),
                    ms(g.p90().median()), withRange(g.p99()), ms(g.p999().median()), ms(g.max()),
                    String.format("%.2f", LatencyTable.ratio(g.p50().median(), base.p50().median())),
                    String.format("%.2f", LatencyTable.ratio(g.p99().median(), base.p99().median())),
                    String.format("%,d", g.sent()), String.format("%,d", g.errors()),
                    g.workerCpuMs() < 0 ? "—" : String.format("%,d", g.workerCpuMs()), steal(g.stealPercent())));
        }
        return rows;
    }

    /** The first group recorded at {@code load}. */
    public static LatencyRepetitions baselineFor(List<LatencyRepetitions> groups, String load) {
        return groups.stream().filter(g -> g.load().equals(load)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result at load '" + load + "'"));
    }

    private static String steal(Summary s) {
        return s.min() < 0 ? "—" : String.format("%.1f (%.1f)", s.median(), s.max());
    }

    private static String withRange(Summary s) {
        return s.min() == s.max() ? ms(s.median()) : ms(s.median()) + " (" + ms(s.min()) + "–" + ms(s.max()) + ")";
    }

    private static String ms(double value) {
        return String.format("%.2f", value);
    }
}
