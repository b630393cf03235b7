package dev.magnetar.bench.scenario;

import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.report.ResultTable;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.report.ThroughputJson;
import java.util.List;

/**
 * "throughput": pre-filled 100-byte messages drained by the raw pipe (BASELINE), a Magnetar replica at
 * concurrency 1 and 64, and Pulsar's LocalRunner, the last three running the same exclamation function on bytes.
 */
public final class ThroughputScenario implements Scenario {
    public static final String NAME = "throughput";
    /** The second MAGNETAR variant's per-replica concurrency: how much the default of 1 costs. */
    static final int MAGNETAR_CONCURRENCY = 64;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        List<Variant> variants = List.of(new BaselineVariant().withJfr(context.jfr()),
                MagnetarVariant.bytesExclamation(context.installation(), 1).withJfr(context.jfr()),
                MagnetarVariant.bytesExclamation(context.installation(), MAGNETAR_CONCURRENCY).withJfr(context.jfr()),
                new LocalRunnerVariant(context.installation(), "LOCALRUNNER", FunctionCode.bytesExclamation(context.installation())));
        ScenarioResult result = context.drain().run(NAME, variants, context.messages(), context.repetitions());
        return outcome(result);
    }

    static ScenarioOutcome outcome(ScenarioResult result) {
        Chart bars = new Chart.Bars("throughput", result.scenario() + ": median msgs/s per variant", "msgs/s",
                ThroughputJson.medianBars(result.variants()));
        return new ScenarioOutcome(result.scenario(), result.settings(), ResultTable.throughputHeader(),
                ResultTable.throughputRows(result), result.notes(), ThroughputJson.of(result), List.of(bars));
    }
}
