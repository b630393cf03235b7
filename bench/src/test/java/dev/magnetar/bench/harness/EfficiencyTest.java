package dev.magnetar.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EfficiencyTest {

    @Test
    void idealRateIsConcurrencyOverDelay() {
        assertThat(Efficiency.idealRate(1, 5)).isEqualTo(200.0);
        assertThat(Efficiency.idealRate(64, 5)).isEqualTo(12_800.0);
    }

    @Test
    void efficiencyIsAchievedOverIdeal() {
        assertThat(Efficiency.of(11_520, 64, 5)).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void nonPositiveInputsAreRejected() {
        assertThatThrownBy(() -> Efficiency.idealRate(0, 5)).hasMessageContaining("concurrency 0");
        assertThatThrownBy(() -> Efficiency.idealRate(1, 0)).hasMessageContaining("delay 0.0 ms");
    }
}
