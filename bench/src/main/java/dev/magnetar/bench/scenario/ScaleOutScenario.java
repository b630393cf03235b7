package dev.magnetar.bench.scenario;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.TopicAdmin;
import dev.magnetar.bench.harness.VariantResult;
import dev.magnetar.bench.report.ResultTable;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.report.ThroughputJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "scale-out": the IO-bound function (5 ms async wait) with 1, 2 and 4 Magnetar replicas on one Shared
 * subscription of one non-partitioned topic; throughput ratio to 1 replica, and the broker's evidence that no
 * partition or rebalance was involved.
 */
public final class ScaleOutScenario implements Scenario {
    public static final String NAME = "scale-out";
    static final List<Integer> REPLICAS = List.of(1, 2, 4);
    /** Per-replica concurrency: low enough that one replica is IO-bound (ideal 1,600 msg/s), not CPU-bound. */
    static final int CONCURRENCY = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        TopicAdmin admin = new TopicAdmin(context.adminUrl());
        ScaleOutEvidence evidence = new ScaleOutEvidence(admin);
        DrainMeasurement drain = new DrainMeasurement(context.client(), context.serviceUrl(), admin, context.brokerPid(),
                context.workDir(), context.payloadBytes(), evidence);
        FunctionCode code = FunctionCode.ioBound(context.installation(), IoBoundScenario.DELAY_MS);
        List<Replicated> variants = new ArrayList<>();
        for (int replicas : REPLICAS) {
            variants.add(new Replicated(new MagnetarVariant(context.installation(), "MAGNETAR-x" + replicas, code,
                    CONCURRENCY, List.of()), replicas));
        }
        List<VariantResult> results = drain.measureInterleaved(variants,
                variant -> (int) Math.min(context.messages(), 1_600L * variant.replicas() * context.seconds()),
                context.repetitions());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("replicas", REPLICAS.toString());
        settings.put("concurrencyPerReplica", Integer.toString(CONCURRENCY));
        settings.put("delayMs", Long.toString(IoBoundScenario.DELAY_MS));
        settings.put("messagesPerRun", "min(--messages, 1,600 x replicas x --seconds)");
        DrainMeasurement.putMethod(settings);
        settings.put("start", "all replicas subscribed (checked in topic stats) before the pre-fill");
        ScenarioResult result = new ScenarioResult(NAME, settings, results, drain.notes());
        Chart bars = new Chart.Bars("throughput", NAME + ": median msgs/s by replicas (IO-bound, concurrency 8 each)",
                "msgs/s", ThroughputJson.medianBars(results));
        Map<String, Object> json = new LinkedHashMap<>(ThroughputJson.of(result));
        json.put("evidence", evidence.lines());
        List<String> notes = new ArrayList<>(evidence.lines());
        notes.addAll(result.notes());
        return new ScenarioOutcome(NAME, settings, ResultTable.throughputHeader(), ResultTable.throughputRows(result),
                notes, json, List.of(bars));
    }

    /** {@code replicas} copies of a Magnetar replica on the same topics and subscription. */
    record Replicated(MagnetarVariant replica, int replicas) implements Variant {

        @Override
        public String name() {
            return replica.name();
        }

        @Override
        public String description() {
            return replicas + " x (" + replica.description() + ")";
        }

        @Override
        public List<String> command(String serviceUrl, Topics topics, Path workDir) throws java.io.IOException {
            return replica.command(serviceUrl, topics, workDir);
        }

        @Override
        public int replicas() {
            return replicas;
        }
    }
}
