package dev.magnetar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.bench.scenario.PipeLatencyScenario.PlannedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeLatencyScenarioTest {

    @Test
    void oneUnrecordedRunPerVariantAtTheFirstRateComesBeforeTheMeasuredRoundsWhichGoRoundRobin() {
        List<PlannedRun<String>> plan = PipeLatencyScenario.plan(List.of(100, 1_000), List.of("PIPE", "REPLICA"), 2);

        assertThat(plan).containsExactly(
                new PlannedRun<>("PIPE", 100, false), new PlannedRun<>("REPLICA", 100, false),
                new PlannedRun<>("PIPE", 100, true), new PlannedRun<>("REPLICA", 100, true),
                new PlannedRun<>("PIPE", 100, true), new PlannedRun<>("REPLICA", 100, true),
                new PlannedRun<>("PIPE", 1_000, true), new PlannedRun<>("REPLICA", 1_000, true),
                new PlannedRun<>("PIPE", 1_000, true), new PlannedRun<>("REPLICA", 1_000, true));
    }
}
