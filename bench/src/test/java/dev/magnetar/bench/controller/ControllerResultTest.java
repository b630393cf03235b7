package dev.magnetar.bench.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerResultTest {
    private static final long MB = 1024 * 1024;

    @Test
    void resyncWritesAreEveryMethodButGet() {
        ControllerResult result = result(Map.of("GET", 40, "PATCH", 2, "PUT", 1));
        assertThat(result.resyncWrites()).isEqualTo(3);
        assertThat(ApiRequests.writes(Map.of("GET", 5))).isZero();
    }

    @Test
    void loopHeapIsWithLoopMinusLoopClosedScaledToAThousandResources() {
        assertThat(result(Map.of()).loopHeapMbPerThousand()).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void tableNamesEachMeasureWithItsValue() {
        ScenarioOutcome outcome = result(Map.of("GET", 4)).outcome("controller", Map.of());
        assertThat(outcome.table()).contains("| API writes during one steady-state resync").contains("| 0 ")
                .contains("40.0 MB").contains("12.5 s");
    }

    private static ControllerResult result(Map<String, Integer> resync) {
        return new ControllerResult(500, 3.0, 12.5, Map.of("POST", 1000), resync, 100 * MB, 150 * MB, 130 * MB, 500);
    }
}
