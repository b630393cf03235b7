package dev.magnetar.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BurstOutcomeTest {
    private static final BurstOutcome OUTCOME = new BurstOutcome("FIXED-4", "AUTOSCALED", 4);

    @Test
    void rowsShowDrainRatioReactionAndReadiness() {
        ScenarioOutcome outcome = OUTCOME.of("autoscale-burst", Map.of(), List.of(fixed(16.0), scaled(18.0, 0.9, 3.0),
                fixed(17.0), scaled(19.0, 1.1, 3.4), fixed(15.0), scaled(17.0, 0.7, 2.6)));

        assertThat(outcome.rows().get(0)).containsExactly("FIXED-4", "16.00", "15.00–17.00", "1.00", "—", "—", "2.00",
                "4", "3");
        assertThat(outcome.rows().get(1)).containsExactly("AUTOSCALED", "18.00", "17.00–19.00", "1.13",
                "0.90 (0.70–1.10)", "3.00", "2.00", "4", "3");
        assertThat(outcome.notes().get(0)).contains("≤ 2 s").contains("median 0.90 s, met");
        assertThat(outcome.notes().get(1)).contains("1.13 ×, met");
    }

    @Test
    void onlyTheAutoscaledSideHasAReactionInTheResults() {
        ScenarioOutcome outcome = OUTCOME.of("autoscale-burst", Map.of(), List.of(fixed(16.0), scaled(18.0, 0.9, 3.0)));

        assertThat(runs(outcome, "FIXED-4").get(0)).containsEntry("firstAddedReplicaSeconds", null)
                .containsEntry("allReadySeconds", null);
        assertThat(runs(outcome, "AUTOSCALED").get(0)).containsEntry("firstAddedReplicaSeconds", 0.9)
                .containsEntry("allReadySeconds", 3.0);
    }

    @Test
    void aRunThatNeverScaledFailsTheReactionTarget() {
        ScenarioOutcome outcome = OUTCOME.of("autoscale-burst", Map.of(), List.of(fixed(16.0), never(40.0)));

        assertThat(outcome.rows().get(1).get(4)).isEqualTo("never");
        assertThat(outcome.notes().get(0)).contains("not met, 1 of 1 runs never scaled up");
        assertThat(outcome.notes().get(1)).contains("2.50 ×, not met");
    }

    @Test
    void theChartDrawsTheMedianRunsBacklogsAndTheAutoscaledReplicas() {
        ScenarioOutcome outcome = OUTCOME.of("autoscale-burst", Map.of(), List.of(fixed(16.0), scaled(30.0, 0.9, 3.0),
                fixed(15.0), scaled(18.0, 0.8, 2.9), fixed(17.0), scaled(17.0, 0.7, 2.8)));

        Chart.Timeline chart = (Chart.Timeline) outcome.charts().get(0);
        assertThat(chart.id()).isEqualTo(BurstOutcome.CHART_ID);
        assertThat(chart.values().series()).containsOnlyKeys("backlog, AUTOSCALED", "backlog, FIXED-4");
        assertThat(chart.counts().series()).containsOnlyKeys("replicas wanted, AUTOSCALED",
                "replicas running, AUTOSCALED", "replicas ready, AUTOSCALED");
        // The median run of the autoscaled side is the one that drained in 18 s: its backlog peaked at 18,000.
        assertThat(chart.values().series().get("backlog, AUTOSCALED")[1][1]).isEqualTo(18_000);
    }

    @Test
    void theMedianRunOfAnEvenCountIsTheLowerMiddleOne() {
        assertThat(BurstOutcome.medianRun(List.of(fixed(20.0), fixed(10.0), fixed(40.0), fixed(30.0))).drainSeconds())
                .isEqualTo(20.0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> runs(ScenarioOutcome outcome, String side) {
        return (List<Map<String, Object>>) outcome.results().get(side);
    }

    private static BurstRun.Result fixed(double drain) {
        return new BurstRun.Result("FIXED-4", 50_000, drain, 2.0, 0, timeline(sample(0, 4, 4, 4, 0),
                sample(1, 4, 4, 4, (long) (drain * 1000))), 0);
    }

    private static BurstRun.Result scaled(double drain, double reaction, double allReady) {
        return new BurstRun.Result("AUTOSCALED", 50_000, drain, 2.0, 0, timeline(sample(0, 1, 1, 1, 0),
                sample(0.5, 1, 1, 1, (long) (drain * 1000)), sample(reaction, 4, 1, 1, 20_000),
                sample(allReady, 4, 4, 4, 10_000)), 0);
    }

    private static BurstRun.Result never(double drain) {
        return new BurstRun.Result("AUTOSCALED", 50_000, drain, 2.0, 0, timeline(sample(0, 1, 1, 1, 0)), 0);
    }

    private static ScaleTimeline timeline(ScaleTimeline.Sample... samples) {
        return new ScaleTimeline(List.of(samples));
    }

    private static ScaleTimeline.Sample sample(double seconds, int desired, int instances, int ready, long backlog) {
        return new ScaleTimeline.Sample(seconds, new ScaleStatus(instances, instances, ready, backlog, desired, false,
                List.of()));
    }
}
