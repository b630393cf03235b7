package dev.magnetar.bench.harness;

import java.util.List;

/** All measured runs of one variant (warm-up excluded) and their summary in msgs/s. */
public record VariantResult(String name, String description, List<RunResult> runs, Summary msgsPerSecond) {

    public static VariantResult of(String name, String description, List<RunResult> runs) {
        return new VariantResult(name, description, List.copyOf(runs),
                Summary.of(runs.stream().map(RunResult::msgsPerSecond).toList()));
    }
}
