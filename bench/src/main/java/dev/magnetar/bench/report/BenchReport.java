package dev.magnetar.bench.report;

import dev.magnetar.bench.harness.Machine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario's outcome with when, where (machine as found at the start, load average also at the end) and
 * with which broker it ran; turned into the JSON document.
 */
public record BenchReport(Instant timestamp, Machine machine, String loadAverageAtEnd, Map<String, String> broker,
        ScenarioOutcome outcome) {

    public Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("timestamp", timestamp.toString());
        doc.put("machine", machine(machine, loadAverageAtEnd));
        doc.put("broker", broker);
        doc.put("scenario", outcome.scenario());
        doc.put("settings", new java.util.TreeMap<>(outcome.settings()));
        doc.put("table", Map.of("header", outcome.header(), "rows", outcome.rows()));
        doc.put("notes", outcome.notes());
        doc.put("results", outcome.results());
        return doc;
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

    /** The file name stem shared by the JSON and the charts: scenario and timestamp, safe on every file system. */
    public String fileStem() {
        return outcome.scenario() + "-" + timestamp.toString().replace(":", "").replace(".", "-");
    }

    public String fileName() {
        return fileStem() + ".json";
    }
}
