package dev.magnetar.bench.report;

import dev.magnetar.bench.harness.RunResult;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.VariantResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of drain-style results: per variant its runs, median, min, max and ratio to the baseline. */
public final class ThroughputJson {
    private ThroughputJson() {
    }

    public static Map<String, Object> of(ScenarioResult result) {
        return Map.of("variants", result.variants().stream().map(v -> variant(result, v)).toList());
    }

    private static Map<String, Object> variant(ScenarioResult result, VariantResult v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
        out.put("description", v.description());
        out.put("runs", v.runs().stream().map(ThroughputJson::run).toList());
        out.put("medianMsgsPerSecond", v.msgsPerSecond().median());
        out.put("minMsgsPerSecond", v.msgsPerSecond().min());
        out.put("maxMsgsPerSecond", v.msgsPerSecond().max());
        out.put("ratioToBaseline", result.ratio(v));
        return out;
    }

    static Map<String, Object> run(RunResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", r.messages());
        out.put("seconds", r.seconds());
        out.put("msgsPerSecond", r.msgsPerSecond());
        out.put("workerCpuMs", r.workerCpuMs());
        out.put("brokerCpuMs", r.brokerCpuMs());
        out.put("workerCpuMsPer1000", r.workerCpuMsPerThousand());
        out.put("outputEntries", r.outputEntries());
        out.put("stealPercent", r.stealPercent());
        return out;
    }

    /** Bars of median msgs/s per variant, in order. */
    public static Map<String, Double> medianBars(List<VariantResult> variants) {
        Map<String, Double> bars = new LinkedHashMap<>();
        variants.forEach(v -> bars.put(v.name(), v.msgsPerSecond().median()));
        return bars;
    }
}
