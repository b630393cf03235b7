package dev.magnetar.bench.scenario;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.harness.Efficiency;
import dev.magnetar.bench.harness.RunResult;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.VariantResult;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.report.ThroughputJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "io-bound": {@code IoBoundFunction} (an async 5 ms wait per message) drained by
 * Pulsar's LocalRunner (BASELINE) and by one Magnetar replica at concurrency 1, 8 and 64. Efficiency is
 * achieved ÷ (concurrency / 5 ms). Each variant drains about {@code --seconds} worth of its ideal rate
 * (at most {@code --messages}), so the slow variants do not take minutes.
 */
public final class IoBoundScenario implements Scenario {
    public static final String NAME = "io-bound";
    static final long DELAY_MS = 5;
    static final List<Integer> CONCURRENCIES = List.of(1, 8, 64);
    /**
     * LocalRunner is sized like the largest Magnetar concurrency: it keeps up to 1,000 async calls in flight
     * (its default maxPendingAsyncRequests), and sized like concurrency 8 its measured window would be too short.
     */
    static final int LOCALRUNNER_SIZING_CONCURRENCY = 64;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        FunctionCode code = FunctionCode.ioBound(context.installation(), DELAY_MS);
        DrainMeasurement drain = context.drain();
        Map<String, Integer> concurrency = new LinkedHashMap<>();
        List<Variant> variants = new ArrayList<>();
        variants.add(new LocalRunnerVariant(context.installation(), "LOCALRUNNER", code));
        for (int c : CONCURRENCIES) {
            Variant magnetar = new MagnetarVariant(context.installation(), "MAGNETAR-c" + c, code, c, List.of());
            concurrency.put(magnetar.name(), c);
            variants.add(magnetar);
        }
        List<VariantResult> results = drain.measureInterleaved(variants, variant -> messages(context,
                concurrency.getOrDefault(variant.name(), LOCALRUNNER_SIZING_CONCURRENCY)), context.repetitions());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("delayMs", Long.toString(DELAY_MS));
        settings.put("wait", "asynchronous: CompletableFuture completed by a scheduler thread");
        settings.put("messagesPerRun", "min(--messages, ideal rate x --seconds), at least 200");
        settings.put("seconds", Integer.toString(context.seconds()));
        settings.put("repetitions", Integer.toString(context.repetitions()));
        DrainMeasurement.putMethod(settings);
        ScenarioResult result = new ScenarioResult(NAME, settings, results, drain.notes());
        return outcome(result, concurrency);
    }

    static int messages(BenchContext context, int concurrency) {
        double ideal = Efficiency.idealRate(concurrency, DELAY_MS);
        return (int) Math.max(200, Math.min(context.messages(), ideal * context.seconds()));
    }

    static ScenarioOutcome outcome(ScenarioResult result, Map<String, Integer> concurrency) {
        List<List<String>> rows = new ArrayList<>();
        for (VariantResult v : result.variants()) {
            Integer c = concurrency.get(v.name());
            rows.add(List.of(v.name(), c == null ? "its own" : c.toString(),
                    String.format("%,.0f", v.msgsPerSecond().median()),
                    String.format("%,.0f–%,.0f", v.msgsPerSecond().min(), v.msgsPerSecond().max()),
                    c == null ? "—" : String.format("%,.0f", Efficiency.idealRate(c, DELAY_MS)),
                    c == null ? "—" : String.format("%.2f", Efficiency.of(v.msgsPerSecond().median(), c, DELAY_MS)),
                    String.format("%.2f", result.ratio(v)),
                    String.format("%.1f", v.runs().stream().mapToDouble(RunResult::workerCpuMsPerThousand).average().orElse(0))));
        }
        List<String> header = List.of("variant", "concurrency", "median msg/s", "min–max msg/s", "ideal msg/s",
                "efficiency", "ratio to LOCALRUNNER", "worker CPU ms/1k msgs");
        Chart bars = new Chart.Bars("throughput", NAME + ": median msgs/s (5 ms async wait per message)", "msgs/s",
                ThroughputJson.medianBars(result.variants()));
        return new ScenarioOutcome(NAME, result.settings(), header, rows, result.notes(), ThroughputJson.of(result),
                List.of(bars));
    }
}
