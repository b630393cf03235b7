package dev.magnetar.bench.report;

import dev.magnetar.bench.harness.Machine;
import dev.magnetar.bench.harness.RunResult;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.VariantResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's result with when, where (machine as found at the start, load average also at the end) and
 * with which broker it ran; turned into the JSON document.
 */
public record BenchReport(Instant timestamp, Machine machine, String loadAverageAtEnd, Map<String, String> broker,
        ScenarioResult result) {

    public Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("timestamp", timestamp.toString());
        doc.put("machine", machine(machine, loadAverageAtEnd));
        doc.put("broker", broker);
        doc.put("scenario", result.scenario());
        doc.put("settings", result.settings());
        doc.put("variants", result.variants().stream().map(this::variant).toList());
        return doc;
    }

    private Map<String, Object> variant(VariantResult v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
        out.put("description", v.description());
        out.put("runs", v.runs().stream().map(BenchReport::run).toList());
        out.put("medianMsgsPerSecond", v.msgsPerSecond().median());
        out.put("minMsgsPerSecond", v.msgsPerSecond().min());
        out.put("maxMsgsPerSecond", v.msgsPerSecond().max());
        out.put("ratioToBaseline", result.ratio(v));
        return out;
    }

    private static Map<String, Object> run(RunResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", r.messages());
        out.put("seconds", r.seconds());
        out.put("msgsPerSecond", r.msgsPerSecond());
        out.put("workerCpuMs", r.workerCpuMs());
        out.put("brokerCpuMs", r.brokerCpuMs());
        return out;
    }

    private static Map<String, Object> machine(Machine m, String loadAverageAtEnd) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", m.cores());
        out.put("memoryMb", m.memoryMb());
        out.put("java", m.javaVersion());
        out.put("os", m.os());
        out.put("loadAverageAtStart", m.loadAverage());
        out.put("loadAverageAtEnd", loadAverageAtEnd);
        return out;
    }

    /** The results file name: scenario and timestamp, safe on every file system. */
    public String fileName() {
        return result.scenario() + "-" + timestamp.toString().replace(":", "").replace(".", "-") + ".json";
    }

    static List<String> header() {
        return List.of("variant", "median msg/s", "min–max msg/s", "ratio", "worker CPU ms/run", "broker CPU ms/run");
    }
}
