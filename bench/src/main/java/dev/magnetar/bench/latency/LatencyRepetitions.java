package dev.magnetar.bench.latency;

import dev.magnetar.bench.harness.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The repeated runs of one variant at one load, and what is reported of them: the median of each
 * percentile over the runs, with its min–max.
 */
public record LatencyRepetitions(String variant, String load, List<LatencyResult> runs) {

    public LatencyRepetitions {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run of " + variant + " at " + load);
        }
        runs = List.copyOf(runs);
    }

    /** Groups runs by (load, variant) in the order each pair first appears. */
    public static List<LatencyRepetitions> group(List<LatencyResult> results) {
        Map<List<String>, List<LatencyResult>> byKey = new LinkedHashMap<>();
        for (LatencyResult r : results) {
            byKey.computeIfAbsent(List.of(r.load(), r.variant()), k -> new ArrayList<>()).add(r);
        }
        List<LatencyRepetitions> groups = new ArrayList<>();
        byKey.forEach((key, runs) -> groups.add(new LatencyRepetitions(key.get(1), key.get(0), runs)));
        return groups;
    }

    public Summary p50() {
        return summary(r -> r.latency().p50());
    }

    public Summary p90() {
        return summary(r -> r.latency().p90());
    }

    public Summary p99() {
        return summary(r -> r.latency().p99());
    }

    public Summary p999() {
        return summary(r -> r.latency().p999());
    }

    public double max() {
        return runs.stream().mapToDouble(r -> r.latency().max()).max().orElseThrow();
    }

    public long sent() {
        return runs.stream().mapToLong(LatencyResult::sent).sum();
    }

    public long errors() {
        return runs.stream().mapToLong(LatencyResult::errors).sum();
    }

    /** Median worker CPU per run, or -1 when the runs had no worker process. */
    public long workerCpuMs() {
        return runs.get(0).workerCpuMs() < 0 ? -1 : Math.round(summary(LatencyResult::workerCpuMs).median());
    }

    /** The machine's steal over the runs (median, min–max); a median of -1 when it is unknown. */
    public Summary stealPercent() {
        return summary(LatencyResult::stealPercent);
    }

    /** The run whose p99 is the median one (the lower middle for an even count): its curve is charted. */
    public LatencyResult medianRun() {
        List<LatencyResult> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(r -> r.latency().p99()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variant", variant);
        out.put("load", load);
        out.put("p50Ms", json(p50()));
        out.put("p99Ms", json(p99()));
        out.put("runs", runs.stream().map(LatencyResult::toJson).toList());
        return out;
    }

    private Summary summary(ToDoubleFunction<LatencyResult> value) {
        return Summary.of(runs.stream().map(value::applyAsDouble).toList());
    }

    private static Map<String, Object> json(Summary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("median", s.median());
        out.put("min", s.min());
        out.put("max", s.max());
        return out;
    }
}
