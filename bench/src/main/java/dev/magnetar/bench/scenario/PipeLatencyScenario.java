package dev.magnetar.bench.scenario;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.harness.StealGuard;
import dev.magnetar.bench.harness.WorkerJvm;
import dev.magnetar.bench.latency.LatencyRepetitions;
import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.latency.LatencyTable;
import dev.magnetar.bench.latency.RepeatedLatencyTable;
import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "pipe-latency": publish → output received at fixed open-loop rates (100, 1,000 and 5,000 msg/s, or
 * {@code --rates}), through the raw pipe (BASELINE) and a Magnetar replica (exclamation, concurrency 1); p50/p99
 * ratios to the pipe.
 */
public final class PipeLatencyScenario implements Scenario {
    public static final String NAME = "pipe-latency";
    static final int WARMUP_SECONDS = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        List<Variant> variants = List.of(new BaselineVariant().withJfr(context.jfr()),
                MagnetarVariant.exclamation(context.installation(), 1).withJfr(context.jfr()));
        OpenLoopPipeRun runner = new OpenLoopPipeRun(context);
        List<LatencyResult> results = new ArrayList<>();
        StealGuard<LatencyResult> guard = LatencyResult.stealGuard();
        for (PlannedRun<Variant> planned : plan(context.pipeRates(), variants, context.repetitions())) {
            if (!planned.recorded()) {
                System.out.printf("[%s] warm-up run at %,d msg/s (not recorded)%n", planned.variant().name(), planned.rate());
            }
            StealGuard.Attempt<LatencyResult> attempt =
                    () -> runner.run(planned.variant(), planned.rate(), context.seconds(), WARMUP_SECONDS);
            if (planned.recorded()) {
                results.add(guard.measure(attempt));
            } else {
                attempt.run();
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rates", context.pipeRates().toString());
        settings.put("workerJvm", WorkerJvm.describe());
        settings.put("secondsPerRun", Integer.toString(context.seconds()));
        settings.put("repetitions", context.repetitions() + " per rate and variant, round-robin; the table shows"
                + " the median of each percentile over them (min–max), and ratios of the medians");
        settings.put("jitWarmup", String.format("%,d messages as fast as possible once the worker is ready, not recorded",
                OpenLoopPipeRun.JIT_BURST));
        settings.put("warmupSeconds", Integer.toString(WARMUP_SECONDS) + " (same rate, not recorded)");
        settings.put("warmupRuns", "1 per variant at " + context.pipeRates().get(0)
                + " msg/s before the measured runs, not recorded");
        settings.put("load", "open loop, latency from the intended send time (coordinated-omission corrected)");
        settings.put("producer", "bench JVM, no batching; output read by an Exclusive consumer in the bench JVM");
        settings.put("variants", "BASELINE = raw pipe JVM; MAGNETAR = runtime replica, exclamation, concurrency 1");
        settings.put("disturbedRuns", StealGuard.RULE);
        List<LatencyRepetitions> groups = LatencyRepetitions.group(results);
        List<String> notes = new ArrayList<>(ratioNotes(groups));
        notes.addAll(guard.notes());
        return repeatedOutcome(NAME, settings, groups, notes);
    }

    /** One run of the plan: a variant at a rate, kept in the results or a warm-up. */
    record PlannedRun<V>(V variant, int rate, boolean recorded) {
    }

    /**
     * The order of the runs: one unrecorded run per variant at the first rate, then per rate {@code repetitions}
     * rounds of one run per variant. Each worker JVM warms itself up, but the broker and this JVM's sending and
     * receiving paths start cold: without the warm-up round the first measured round is the slowest for both
     * variants, and with three repetitions one such run moves a median. Round-robin, as the drains: outside load spreads over both variants instead of
     * skewing the ratio.
     */
    static <V> List<PlannedRun<V>> plan(List<Integer> rates, List<V> variants, int repetitions) {
        List<PlannedRun<V>> plan = new ArrayList<>();
        variants.forEach(variant -> plan.add(new PlannedRun<>(variant, rates.get(0), false)));
        for (int rate : rates) {
            for (int i = 0; i < repetitions; i++) {
                variants.forEach(variant -> plan.add(new PlannedRun<>(variant, rate, true)));
            }
        }
        return plan;
    }

    /** The target in words: MAGNETAR's median p50 and p99 within 1.2x of the pipe's at each rate. */
    static List<String> ratioNotes(List<LatencyRepetitions> groups) {
        List<String> notes = new ArrayList<>();
        for (LatencyRepetitions g : groups) {
            LatencyRepetitions base = RepeatedLatencyTable.baselineFor(groups, g.load());
            if (g != base) {
                notes.add(String.format("%s: %s p50 %.2fx, p99 %.2fx the pipe's (medians of %d runs; target <= 1.2x)",
                        g.load(), g.variant(), LatencyTable.ratio(g.p50().median(), base.p50().median()),
                        LatencyTable.ratio(g.p99().median(), base.p99().median()), g.runs().size()));
            }
        }
        return notes;
    }

    /** Table over the repetitions, JSON of every run, and one percentile chart per load (each variant's median run). */
    public static ScenarioOutcome repeatedOutcome(String name, Map<String, String> settings, List<LatencyRepetitions> groups,
                                                  List<String> notes) {
        List<LatencyResult> medianRuns = groups.stream().map(LatencyRepetitions::medianRun).toList();
        ScenarioOutcome charted = outcome(name, settings, medianRuns, List.of());
        return new ScenarioOutcome(name, settings, RepeatedLatencyTable.header(), RepeatedLatencyTable.rows(groups),
                notes, Map.of("groups", groups.stream().map(LatencyRepetitions::toJson).toList()),
                charted.charts());
    }

    /** Table, JSON and one percentile chart per load level. */
    public static ScenarioOutcome outcome(String name, Map<String, String> settings, List<LatencyResult> results,
                                          List<String> notes) {
        Map<String, Map<String, double[][]>> curvesByLoad = new LinkedHashMap<>();
        for (LatencyResult r : results) {
            curvesByLoad.computeIfAbsent(r.load(), k -> new LinkedHashMap<>()).put(r.variant(), r.curve());
        }
        List<Chart> charts = new ArrayList<>();
        curvesByLoad.forEach((load, curves) -> charts.add(new Chart.Percentiles(
                "latency-" + load.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", ""),
                name + ": latency percentiles at " + load, curves)));
        return new ScenarioOutcome(name, settings, LatencyTable.header(), LatencyTable.rows(results), notes,
                Map.of("runs", results.stream().map(LatencyResult::toJson).toList()), charts);
    }
}
