package dev.magnetar.bench.report;

import dev.magnetar.bench.chart.Chart;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every scenario hands to the report: its settings, the printed table (a header and rows,
 * each row's ratio against a baseline measured in the same run), the detailed results for the
 * JSON file, notes (derived targets, in words) and the charts to draw.
 */
public record ScenarioOutcome(String scenario, Map<String, String> settings, List<String> header,
        List<List<String>> rows, List<String> notes, Map<String, Object> results, List<Chart> charts) {
    /** The results' entry of a scenario whose invariant did not hold: why, in words. */
    public static final String FAILURE = "failure";

    public ScenarioOutcome {
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells but the header "
                        + header + " has " + header.size());
            }
        }
        settings = Map.copyOf(settings);
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        charts = List.copyOf(charts);
    }

    /** Why the scenario failed its invariant (the run exits non-zero); empty when it held or the scenario has none. */
    public Optional<String> failure() {
        return Optional.ofNullable(results.get(FAILURE)).map(Object::toString);
    }

    public String table() {
        return ResultTable.render(header, rows);
    }
}
