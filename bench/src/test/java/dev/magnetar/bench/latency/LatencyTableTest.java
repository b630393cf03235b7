package dev.magnetar.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTableTest {

    @Test
    void ratiosAreAgainstTheFirstVariantAtTheSameLoad() {
        List<LatencyResult> results = List.of(result("BASELINE", "100 msg/s", 2, 4), result("MAGNETAR", "100 msg/s", 3, 10),
                result("BASELINE", "1,000 msg/s", 1, 2), result("MAGNETAR", "1,000 msg/s", 1, 3));
        List<List<String>> rows = LatencyTable.rows(results);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsSubsequence("100 msg/s", "BASELINE", "2.00").contains("1.00");
        assertThat(rows.get(1).subList(7, 9)).containsExactly("1.50", "2.50");
        assertThat(rows.get(3).subList(7, 9)).containsExactly("1.00", "1.50");
        assertThat(rows.get(0)).hasSameSizeAs(LatencyTable.header());
    }

    @Test
    void ratioToAZeroBaselineIsNotANumber() {
        assertThat(LatencyTable.ratio(1, 0)).isNaN();
    }

    private static LatencyResult result(String variant, String load, double p50, double p99) {
        return new LatencyResult(variant, load, 100, 1000, 0, new LatencySummary(1000, p50, p50, p99, p99, p99),
                new double[][] {{50, p50}, {99, p99}}, 10, 20, 2.5);
    }
}
