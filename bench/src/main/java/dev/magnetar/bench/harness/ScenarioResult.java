package dev.magnetar.bench.harness;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario: its variants, the ratio of each variant to the first (the baseline),
 * and the settings it ran with.
 */
public record ScenarioResult(String scenario, Map<String, String> settings, List<VariantResult> variants) {

    public VariantResult baseline() {
        return variants.get(0);
    }

    /** Median msgs/s of {@code variant} divided by the baseline's. */
    public double ratio(VariantResult variant) {
        return variant.msgsPerSecond().ratioTo(baseline().msgsPerSecond());
    }
}
