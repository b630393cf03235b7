package dev.magnetar.bench.report;

import dev.magnetar.bench.harness.RunResult;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.Summary;
import dev.magnetar.bench.harness.VariantResult;
import java.util.ArrayList;
import java.util.List;

/** The printed tables, as Markdown: readable on a terminal and pasteable into docs. */
public final class ResultTable {
    private ResultTable() {
    }

    public static List<String> throughputHeader() {
        return List.of("variant", "median msg/s", "min–max msg/s", "ratio", "worker CPU ms/run", "broker CPU ms/run",
                "worker CPU ms/1k msgs", "msgs per output entry", "steal % median (max)");
    }

    /**
     * One row per variant: median and range of msgs/s, ratio to the baseline, CPU per run and per 1,000 messages,
     * and how many output messages the broker stored per entry (the worker producer's batching).
     */
    public static List<List<String>> throughputRows(ScenarioResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (VariantResult v : result.variants()) {
            rows.add(List.of(v.name(),
                    String.format("%,.0f", v.msgsPerSecond().median()),
                    String.format("%,.0f–%,.0f", v.msgsPerSecond().min(), v.msgsPerSecond().max()),
                    String.format("%.2f", result.ratio(v)),
                    String.format("%,.0f", v.runs().stream().mapToLong(RunResult::workerCpuMs).average().orElse(0)),
                    String.format("%,.0f", v.runs().stream().mapToLong(RunResult::brokerCpuMs).average().orElse(0)),
                    String.format("%.1f", v.runs().stream().mapToDouble(RunResult::workerCpuMsPerThousand).average().orElse(0)),
                    messagesPerEntry(v), steal(v)));
        }
        return rows;
    }

    /** Mean over the runs that know their output entries; "—" when none does. */
    private static String messagesPerEntry(VariantResult v) {
        double mean = v.runs().stream().filter(r -> r.outputEntries() > 0).mapToDouble(RunResult::messagesPerOutputEntry)
                .average().orElse(0);
        return mean > 0 ? String.format("%.0f", mean) : "—";
    }

    /** The machine's steal over the runs that know it: median (highest); "—" when none does. */
    private static String steal(VariantResult v) {
        List<Double> known = v.runs().stream().map(RunResult::stealPercent).filter(s -> s >= 0).toList();
        if (known.isEmpty()) {
            return "—";
        }
        Summary s = Summary.of(known);
        return String.format("%.1f (%.1f)", s.median(), s.max());
    }

    public static String render(ScenarioResult result) {
        return render(throughputHeader(), throughputRows(result));
    }

    public static String render(List<String> header, List<List<String>> body) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        rows.addAll(body);
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int w : widths) {
                    rule.add("-".repeat(w));
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            out.append(' ').append(String.format("%-" + widths[i] + "s", cells.get(i))).append(" |");
        }
        out.append('\n');
    }
}
