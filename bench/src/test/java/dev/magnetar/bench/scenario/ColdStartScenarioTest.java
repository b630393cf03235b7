package dev.magnetar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartScenarioTest {

    @Test
    void rowsShowMedianRangeAndRatioToTheFirstSide() {
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        millis.put("BASELINE", List.of(1000.0, 900.0, 1100.0));
        millis.put("MAGNETAR", List.of(1500.0, 1400.0, 2500.0));
        ScenarioOutcome outcome = ColdStartScenario.outcome(Map.of(), millis);
        assertThat(outcome.rows().get(0)).containsExactly("BASELINE", "1,000", "900–1,100", "1.00", "3");
        assertThat(outcome.rows().get(1)).containsExactly("MAGNETAR", "1,500", "1,400–2,500", "1.50", "3");
        assertThat(((Chart.Bars) outcome.charts().get(0)).values()).containsEntry("MAGNETAR", 1500.0);
    }
}
