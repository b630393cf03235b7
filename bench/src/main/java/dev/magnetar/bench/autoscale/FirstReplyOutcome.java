package dev.magnetar.bench.autoscale;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.harness.Summary;
import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale-from-zero report: for each way in (gateway, topic) and side, the first reply's median, range and ratios
 * to the warm call and to the side without a pool, the target on the pool's median, and a bar chart of the medians.
 */
final class FirstReplyOutcome {
    static final String CHART_ID = "first-reply";

    /** The first-reply times of one side reached one way, in milliseconds. */
    record Measured(String path, String side, List<Double> millis) {
        Measured {
            millis = List.copyOf(millis);
        }

        String label() {
            return path + ", " + side;
        }
    }

    private FirstReplyOutcome() {
    }

    /**
     * @param warm   the gateway call to a running, warmed replica
     * @param noPool the side whose replica starts as a new JVM (per path: the ratio's baseline)
     * @param pool   the side with the warm pool, whose gateway median has a target
     */
    static ScenarioOutcome of(String scenario, Map<String, String> settings, List<Measured> measured, String warm,
                              String noPool, String pool, double poolTargetMs) {
        Summary warmCall = find(measured, ScaleFromZeroScenario.GATEWAY, warm);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> bars = new LinkedHashMap<>();
        Map<String, Object> json = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Measured m : measured) {
            Summary s = Summary.of(m.millis());
            Summary sameWayNoPool = side(measured, m.path(), noPool) == null ? null : find(measured, m.path(), noPool);
            boolean gateway = m.path().equals(ScaleFromZeroScenario.GATEWAY);
            rows.add(List.of(m.path(), m.side(), String.format("%,.1f", s.median()),
                    String.format("%,.1f–%,.1f", s.min(), s.max()),
                    gateway ? String.format("%.1f", s.ratioTo(warmCall)) : "—",
                    sameWayNoPool == null || m.side().equals(warm) ? "—" : String.format("%.2f", s.ratioTo(sameWayNoPool)),
                    Integer.toString(m.millis().size())));
            bars.put(m.label(), s.median());
            json.put(m.label(), Map.of("runsMs", m.millis(), "medianMs", s.median(), "minMs", s.min(), "maxMs", s.max()));
            notes.add(String.format("%s, ms per run: %s", m.label(), m.millis().stream()
                    .map(v -> String.format("%.0f", v)).toList()));
        }
        Summary poolCall = find(measured, ScaleFromZeroScenario.GATEWAY, pool);
        notes.add(0, String.format("target: gateway, %s p50 ≤ %.0f ms: %.1f ms, %s", pool, poolTargetMs,
                poolCall.median(), poolCall.median() <= poolTargetMs ? "met" : "not met"));
        List<String> header = List.of("path", "side", "p50 ms", "min–max ms", "ratio to " + warm,
                "ratio to " + noPool, "runs");
        Chart chart = new Chart.Bars(CHART_ID, scenario + ": first reply, median ms", "ms", bars);
        return new ScenarioOutcome(scenario, settings, header, rows, notes, json, List.of(chart));
    }

    private static Summary find(List<Measured> measured, String path, String side) {
        Measured m = side(measured, path, side);
        if (m == null) {
            throw new IllegalArgumentException("nothing measured for " + path + ", " + side);
        }
        return Summary.of(m.millis());
    }

    private static Measured side(List<Measured> measured, String path, String side) {
        return measured.stream().filter(m -> m.path().equals(path) && m.side().equals(side)).findFirst().orElse(null);
    }
}
