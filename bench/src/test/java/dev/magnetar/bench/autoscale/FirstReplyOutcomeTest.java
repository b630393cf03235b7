package dev.magnetar.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstReplyOutcomeTest {

    @Test
    void rowsShowMediansRangesAndRatiosToTheWarmCallAndToNoPool() {
        ScenarioOutcome outcome = outcome(List.of(120.0, 100.0, 140.0));

        assertThat(outcome.rows()).containsExactly(
                List.of("gateway", "WARM", "2.0", "1.0–3.0", "1.0", "—", "3"),
                List.of("gateway", "POOL", "120.0", "100.0–140.0", "60.0", "0.12", "3"),
                List.of("gateway", "NO-POOL", "1,000.0", "900.0–1,100.0", "500.0", "1.00", "3"),
                List.of("topic", "POOL", "600.0", "500.0–700.0", "—", "0.50", "3"),
                List.of("topic", "NO-POOL", "1,200.0", "1,100.0–1,300.0", "—", "1.00", "3"));
        assertThat(((Chart.Bars) outcome.charts().get(0)).values()).containsEntry("gateway, POOL", 120.0);
    }

    @Test
    void theTargetIsOnThePoolsGatewayMedian() {
        assertThat(outcome(List.of(120.0, 100.0, 140.0)).notes().get(0)).isEqualTo(
                "target: gateway, POOL p50 ≤ 150 ms: 120.0 ms, met");
        assertThat(outcome(List.of(900.0, 1000.0, 1100.0)).notes().get(0)).endsWith("1000.0 ms, not met");
    }

    private static ScenarioOutcome outcome(List<Double> gatewayPool) {
        return FirstReplyOutcome.of("scale-from-zero", Map.of(), List.of(
                new FirstReplyOutcome.Measured("gateway", "WARM", List.of(2.0, 1.0, 3.0)),
                new FirstReplyOutcome.Measured("gateway", "POOL", gatewayPool),
                new FirstReplyOutcome.Measured("gateway", "NO-POOL", List.of(1000.0, 900.0, 1100.0)),
                new FirstReplyOutcome.Measured("topic", "POOL", List.of(600.0, 500.0, 700.0)),
                new FirstReplyOutcome.Measured("topic", "NO-POOL", List.of(1200.0, 1100.0, 1300.0))), "WARM", "NO-POOL",
                "POOL", 150);
    }
}
