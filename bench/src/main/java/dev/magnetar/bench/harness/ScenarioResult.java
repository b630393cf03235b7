package dev.magnetar.bench.harness;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario: its variants, the ratio of each variant to the first (the baseline),
 * the settings it ran with, and notes on how it went (runs repeated, in words).
 */
public record ScenarioResult(String scenario, Map<String, String> settings, List<VariantResult> variants,
                             List<String> notes) {

    public ScenarioResult {
        notes = List.copyOf(notes);
    }

    /** Without notes. */
    public ScenarioResult(String scenario, Map<String, String> settings, List<VariantResult> variants) {
        this(scenario, settings, variants, List.of());
    }

    public VariantResult baseline() {
        return variants.get(0);
    }

    /** Median msgs/s of {@code variant} divided by the baseline's. */
    public double ratio(VariantResult variant) {
        return variant.msgsPerSecond().ratioTo(baseline().msgsPerSecond());
    }
}
