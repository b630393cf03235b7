package dev.magnetar.bench.report;

import dev.magnetar.bench.chart.Chart;
import java.util.List;
import java.util.Map;

/**
 * What every scenario hands to the report: its settings, the printed table (a header and rows,
 * each row's ratio against a baseline measured in the same run), the detailed results for the
 * JSON file, notes (derived targets, in words) and the charts to draw.
 */
public record ScenarioOutcome(String scenario, Map<String, String> settings, List<String> header,
        List<List<String>> rows, List<String> notes, Map<String, Object> results, List<Chart> charts) {

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

    public String table() {
        return ResultTable.render(header, rows);
    }
}
