package dev.magnetar.bench.scenario;

import dev.magnetar.bench.report.ScenarioOutcome;

/** One benchmark: runs its variants against the shared broker and reports ratios to its baseline. */
public interface Scenario {

    String name();

    ScenarioOutcome run(BenchContext context) throws Exception;
}
