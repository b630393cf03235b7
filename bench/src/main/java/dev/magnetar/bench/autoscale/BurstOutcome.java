package dev.magnetar.bench.autoscale;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.harness.Summary;
import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The autoscale-burst report from its runs: drain time of each side with the autoscaled side's ratio to the fixed
 * replicas, the autoscaler's reaction, the notes on both targets, and the timeline chart of the median runs.
 */
final class BurstOutcome {
    static final String CHART_ID = "timeline";

    private final String baseline;
    private final String autoscaled;
    private final int maxReplicas;

    /**
     * @param baseline    the side with its replicas running from the start
     * @param autoscaled  the side the autoscaler sizes, from 1 replica
     * @param maxReplicas the baseline's replicas and the autoscaled side's maximum
     */
    BurstOutcome(String baseline, String autoscaled, int maxReplicas) {
        this.baseline = baseline;
        this.autoscaled = autoscaled;
        this.maxReplicas = maxReplicas;
    }

    ScenarioOutcome of(String scenario, Map<String, String> settings, List<BurstRun.Result> results) {
        List<BurstRun.Result> fixed = side(results, baseline);
        List<BurstRun.Result> scaled = side(results, autoscaled);
        Summary base = drains(fixed);
        List<List<String>> rows = List.of(row(baseline, fixed, base), row(autoscaled, scaled, base));
        List<String> notes = new ArrayList<>(notes(base, scaled));
        results.forEach(r -> notes.add(runNote(r)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(baseline, runsJson(fixed, false));
        json.put(autoscaled, runsJson(scaled, true));
        json.put("chartedRuns", Map.of(baseline, samplesJson(medianRun(fixed)), autoscaled,
                samplesJson(medianRun(scaled))));
        return new ScenarioOutcome(scenario, settings, header(), rows, notes, json,
                List.of(chart(scenario, medianRun(fixed), medianRun(scaled))));
    }

    List<String> header() {
        return List.of("side", "drain s, median", "min–max s", "ratio to " + baseline,
                "first added replica s, median (min–max)", "all " + maxReplicas + " ready s, median",
                "publish s, median", "peak replicas", "runs");
    }

    private List<String> row(String name, List<BurstRun.Result> runs, Summary base) {
        Summary drain = drains(runs);
        boolean scales = name.equals(autoscaled);
        return List.of(name, String.format("%.2f", drain.median()), String.format("%.2f–%.2f", drain.min(), drain.max()),
                String.format("%.2f", drain.median() / base.median()),
                scales ? range(seconds(runs, r -> r.timeline().reactionSeconds(1))) : "—",
                scales ? median(seconds(runs, r -> r.timeline().readySeconds(maxReplicas))) : "—",
                String.format("%.2f", Summary.of(runs.stream().map(BurstRun.Result::publishSeconds).toList()).median()),
                Integer.toString(runs.stream().mapToInt(r -> r.timeline().peakInstances()).max().orElse(0)),
                Integer.toString(runs.size()));
    }

    private List<String> notes(Summary base, List<BurstRun.Result> scaled) {
        List<Double> reactions = seconds(scaled, r -> r.timeline().reactionSeconds(1));
        double ratio = drains(scaled).median() / base.median();
        List<String> notes = new ArrayList<>();
        notes.add(reactions.size() < scaled.size()
                ? String.format("target: first added replica ≤ %.0f s: not met, %d of %d runs never scaled up",
                        AutoscaleBurstScenario.REACTION_TARGET_SECONDS, scaled.size() - reactions.size(), scaled.size())
                : String.format("target: first added replica ≤ %.0f s after the first publish: median %.2f s, %s",
                        AutoscaleBurstScenario.REACTION_TARGET_SECONDS, Summary.of(reactions).median(),
                        Summary.of(reactions).median() <= AutoscaleBurstScenario.REACTION_TARGET_SECONDS ? "met" : "not met"));
        notes.add(String.format("target: drain ≤ %.1f × %s's: %.2f ×, %s", AutoscaleBurstScenario.DRAIN_RATIO_TARGET,
                baseline, ratio, ratio <= AutoscaleBurstScenario.DRAIN_RATIO_TARGET ? "met" : "not met"));
        return notes;
    }

    private String runNote(BurstRun.Result r) {
        String scaling = r.side().equals(autoscaled) ? String.format(", first added replica %s s, all %d ready %s s",
                format(r.timeline().reactionSeconds(1)), maxReplicas, format(r.timeline().readySeconds(maxReplicas))) : "";
        return String.format("%s: drain %.2f s, publish %.2f s%s, peak %d replicas, %d duplicate outputs,"
                + " %d status polls unanswered", r.side(), r.drainSeconds(), r.publishSeconds(), scaling,
                r.timeline().peakInstances(), r.duplicates(), r.pollFailures());
    }

    /** Backlog of both median runs on the left, the autoscaled run's replicas on the right. */
    private Chart chart(String scenario, BurstRun.Result fixed, BurstRun.Result scaled) {
        Map<String, double[][]> backlog = new LinkedHashMap<>();
        backlog.put("backlog, " + autoscaled, scaled.timeline().points(ScaleStatus::backlog));
        backlog.put("backlog, " + baseline, fixed.timeline().points(ScaleStatus::backlog));
        Map<String, double[][]> replicas = new LinkedHashMap<>();
        replicas.put("replicas wanted, " + autoscaled, scaled.timeline().points(ScaleStatus::desiredReplicas));
        replicas.put("replicas running, " + autoscaled, scaled.timeline().points(ScaleStatus::instances));
        replicas.put("replicas ready, " + autoscaled, scaled.timeline().points(ScaleStatus::ready));
        return new Chart.Timeline(CHART_ID, String.format("%s: %,d messages, backlog and replicas (median runs)",
                scenario, scaled.messages()), "seconds since the burst's first publish",
                new Chart.Axis("backlog (messages)", backlog), new Chart.Axis("replicas", replicas));
    }

    /** The run with the median drain time (the lower middle one of an even count). */
    static BurstRun.Result medianRun(List<BurstRun.Result> runs) {
        List<BurstRun.Result> sorted = runs.stream().sorted(Comparator.comparingDouble(BurstRun.Result::drainSeconds))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Each run's figures; the reaction and readiness only where the autoscaler started from one replica. */
    private List<Map<String, Object>> runsJson(List<BurstRun.Result> runs, boolean scales) {
        return runs.stream().map(r -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("drainSeconds", r.drainSeconds());
            run.put("publishSeconds", r.publishSeconds());
            run.put("firstAddedReplicaSeconds", scales ? orNull(r.timeline().reactionSeconds(1)) : null);
            run.put("allReadySeconds", scales ? orNull(r.timeline().readySeconds(maxReplicas)) : null);
            run.put("peakReplicas", r.timeline().peakInstances());
            run.put("duplicates", r.duplicates());
            run.put("statusPollsUnanswered", r.pollFailures());
            return run;
        }).toList();
    }

    /** [seconds, backlog, replicas wanted, running, ready] per status answer. */
    private static List<List<Double>> samplesJson(BurstRun.Result run) {
        return run.timeline().samples().stream().map(s -> List.of(s.seconds(), (double) s.status().backlog(),
                (double) s.status().desiredReplicas(), (double) s.status().instances(), (double) s.status().ready()))
                .toList();
    }

    private static List<BurstRun.Result> side(List<BurstRun.Result> results, String side) {
        List<BurstRun.Result> runs = results.stream().filter(r -> r.side().equals(side)).toList();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run of " + side + " among " + results.size() + " results");
        }
        return runs;
    }

    private static Summary drains(List<BurstRun.Result> runs) {
        return Summary.of(runs.stream().map(BurstRun.Result::drainSeconds).toList());
    }

    private static List<Double> seconds(List<BurstRun.Result> runs,
                                        java.util.function.Function<BurstRun.Result, OptionalDouble> pick) {
        return runs.stream().map(pick).filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).toList();
    }

    private static String range(List<Double> values) {
        if (values.isEmpty()) {
            return "never";
        }
        Summary s = Summary.of(values);
        return String.format("%.2f (%.2f–%.2f)", s.median(), s.min(), s.max());
    }

    private static String median(List<Double> values) {
        return values.isEmpty() ? "never" : String.format("%.2f", Summary.of(values).median());
    }

    private static String format(OptionalDouble seconds) {
        return seconds.isPresent() ? String.format("%.2f", seconds.getAsDouble()) : "never";
    }

    private static Double orNull(OptionalDouble seconds) {
        return seconds.isPresent() ? seconds.getAsDouble() : null;
    }
}
