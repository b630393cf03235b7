package dev.magnetar.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRepetitionsTest {

    private static LatencyResult run(String variant, String load, double p50, double p99, long cpu) {
        return run(variant, load, p50, p99, cpu, -1);
    }

    private static LatencyResult run(String variant, String load, double p50, double p99, long cpu, double steal) {
        return new LatencyResult(variant, load, 100, 1_000, 1, new LatencySummary(1_000, p50, p50 * 2, p99, p99 * 2, p99 * 3),
                new double[][] {{50, p50}, {99, p99}}, cpu, 10, steal);
    }

    @Test
    void groupsRoundRobinRunsByLoadAndVariantInTheOrderTheyFirstAppear() {
        List<LatencyRepetitions> groups = LatencyRepetitions.group(List.of(
                run("BASELINE", "100 msg/s", 4, 10, 5), run("MAGNETAR", "100 msg/s", 5, 12, 6),
                run("BASELINE", "100 msg/s", 2, 30, 7), run("MAGNETAR", "100 msg/s", 3, 11, 8),
                run("BASELINE", "100 msg/s", 3, 20, 9), run("MAGNETAR", "100 msg/s", 9, 13, 10),
                run("BASELINE", "1,000 msg/s", 1, 2, 11)));

        assertThat(groups).extracting(LatencyRepetitions::variant, LatencyRepetitions::load).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BASELINE", "100 msg/s"),
                org.assertj.core.groups.Tuple.tuple("MAGNETAR", "100 msg/s"),
                org.assertj.core.groups.Tuple.tuple("BASELINE", "1,000 msg/s"));
        LatencyRepetitions baseline = groups.get(0);
        assertThat(baseline.runs()).hasSize(3);
        assertThat(baseline.p50().median()).isEqualTo(3);
        assertThat(baseline.p50().min()).isEqualTo(2);
        assertThat(baseline.p99().median()).isEqualTo(20);
        assertThat(baseline.p99().max()).isEqualTo(30);
        assertThat(baseline.max()).isEqualTo(90);
        assertThat(baseline.sent()).isEqualTo(3_000);
        assertThat(baseline.errors()).isEqualTo(3);
        assertThat(baseline.workerCpuMs()).isEqualTo(7);
        assertThat(baseline.medianRun().latency().p99()).as("the run charted").isEqualTo(20);
    }

    @Test
    void theTableComparesTheMediansWithTheFirstVariantAtTheSameLoad() {
        List<LatencyRepetitions> groups = LatencyRepetitions.group(List.of(
                run("BASELINE", "100 msg/s", 4, 10, -1), run("MAGNETAR", "100 msg/s", 5, 12, -1),
                run("BASELINE", "100 msg/s", 4, 10, -1), run("MAGNETAR", "100 msg/s", 6, 14, -1)));

        List<List<String>> rows = RepeatedLatencyTable.rows(groups);

        assertThat(rows.get(0)).containsExactly("100 msg/s", "BASELINE", "2", "4.00", "8.00", "10.00", "20.00", "30.00",
                "1.00", "1.00", "2,000", "2", "—", "—");
        assertThat(rows.get(1)).containsExactly("100 msg/s", "MAGNETAR", "2", "5.50 (5.00–6.00)", "11.00",
                "13.00 (12.00–14.00)", "26.00", "42.00", "1.38", "1.30", "2,000", "2", "—", "—");
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSameSizeAs(RepeatedLatencyTable.header()));
    }

    @Test
    void theTableShowsTheMachinesMedianAndHighestStealOverTheRuns() {
        List<LatencyRepetitions> groups = LatencyRepetitions.group(List.of(
                run("BASELINE", "100 msg/s", 4, 10, 5, 0.5), run("BASELINE", "100 msg/s", 4, 10, 5, 38.25),
                run("BASELINE", "100 msg/s", 4, 10, 5, 2.0)));

        assertThat(groups.get(0).stealPercent().median()).isEqualTo(2.0);
        assertThat(RepeatedLatencyTable.rows(groups).get(0)).last().isEqualTo("2.0 (38.3)");
        assertThat(RepeatedLatencyTable.header()).last().isEqualTo("steal % median (max)");
        assertThat(groups.get(0).toJson().get("runs")).asList().first()
                .extracting(json -> ((java.util.Map<?, ?>) json).get("stealPercent")).isEqualTo(0.5);
    }

    @Test
    void aDisturbedLatencyRunIsNotedByVariantLoadStealAndPercentiles() throws Exception {
        var guard = LatencyResult.stealGuard();

        guard.measure(() -> run("MAGNETAR", "100 msg/s", 12.5, 33, 5, 38.24));

        assertThat(guard.notes()).last().asString()
                .endsWith("MAGNETAR at 100 msg/s (steal 38.2 %, p50 12.50 ms, p99 33.00 ms)");
    }

    @Test
    void aGroupNeedsARun() {
        assertThatThrownBy(() -> new LatencyRepetitions("X", "L", List.of())).hasMessageContaining("no run of X at L");
    }
}
