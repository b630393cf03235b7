package dev.magnetar.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.bench.harness.RunResult;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.VariantResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void showsMedianRangeRatioToTheFirstVariantAndCpuPerThousandMessages() {
        VariantResult baseline = VariantResult.of("BASELINE", "pipe", List.of(run(100), run(200), run(300)));
        VariantResult candidate = VariantResult.of("MAGNETAR", "runtime", List.of(run(50), run(100), run(150)));
        String table = ResultTable.render(new ScenarioResult("throughput", Map.of(), List.of(baseline, candidate)));
        assertThat(table.lines().toList()).hasSize(4);
        assertThat(table).contains("| BASELINE | 200").contains("100–300").contains("| 1.00 ");
        assertThat(table).contains("| MAGNETAR | 100").contains("50–150").contains("| 0.50 ");
        assertThat(table).contains("| 10.0 ");
        assertThat(table).as("output entries unknown").contains("| — ");
    }

    @Test
    void showsMessagesPerOutputEntryOverTheRunsThatKnowThem() {
        RunResult batched = RunResult.of(1_000, 0, 1_000_000_000L, 10, 20, 4);
        RunResult unknown = RunResult.of(1_000, 0, 1_000_000_000L, 10, 20);
        VariantResult variant = VariantResult.of("MAGNETAR", "runtime", List.of(batched, unknown));

        List<String> row = ResultTable.throughputRows(new ScenarioResult("throughput", Map.of(), List.of(variant))).get(0);

        assertThat(row.get(row.size() - 2)).isEqualTo("250");
    }

    @Test
    void showsTheMachinesStealOverTheRunsThatKnowIt() {
        VariantResult variant = VariantResult.of("MAGNETAR", "runtime", List.of(run(1).withStealPercent(1.5),
                run(2).withStealPercent(30.04), run(3), run(4).withStealPercent(4)));
        VariantResult unknown = VariantResult.of("PIPE", "pipe", List.of(run(1)));

        List<List<String>> rows = ResultTable.throughputRows(new ScenarioResult("throughput", Map.of(), List.of(unknown, variant)));

        assertThat(rows.get(1)).last().isEqualTo("4.0 (30.0)");
        assertThat(rows.get(0)).last().isEqualTo("—");
        assertThat(ResultTable.throughputHeader()).last().isEqualTo("steal % median (max)");
    }

    @Test
    void genericTablePadsEveryColumnToItsWidestCell() {
        String table = ResultTable.render(List.of("a", "bb"), List.of(List.of("long cell", "x")));
        assertThat(table).isEqualTo("""
                | a         | bb |
                | --------- | -- |
                | long cell | x  |
                """);
    }

    private static RunResult run(double rate) {
        return new RunResult(1000, 1, rate, 10, 20, 0, -1);
    }
}
