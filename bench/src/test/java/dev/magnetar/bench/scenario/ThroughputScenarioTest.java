package dev.magnetar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.bench.harness.RunResult;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.VariantResult;
import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputScenarioTest {

    @Test
    void theDrainsNotesOnRepeatedRunsReachTheReport() {
        RunResult run = RunResult.of(1_000, 0, 1_000_000_000L, 10, 20).withStealPercent(2);
        ScenarioResult result = new ScenarioResult("throughput", Map.of("warmup", DrainMeasurement.WARMUP),
                List.of(VariantResult.of("BASELINE", "pipe", List.of(run))),
                List.of("1 run(s) repeated because the machine's steal was above 10 % during them"));

        ScenarioOutcome outcome = ThroughputScenario.outcome(result);

        assertThat(outcome.notes()).containsExactly("1 run(s) repeated because the machine's steal was above 10 % during them");
        assertThat(outcome.settings()).containsEntry("warmup", DrainMeasurement.WARMUP);
    }
}
