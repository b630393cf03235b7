package dev.magnetar.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void oddCountTakesTheMiddleValue() {
        Summary s = Summary.of(List.of(30.0, 10.0, 20.0));
        assertThat(s).isEqualTo(new Summary(20.0, 10.0, 30.0));
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        Summary s = Summary.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(4.0);
    }

    @Test
    void singleValueIsMedianMinAndMax() {
        assertThat(Summary.of(List.of(7.0))).isEqualTo(new Summary(7.0, 7.0, 7.0));
    }

    @Test
    void noValuesIsRejected() {
        assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one repetition");
    }

    @Test
    void ratioIsMedianOverBaselineMedian() {
        Summary baseline = Summary.of(List.of(100.0, 80.0, 120.0));
        Summary candidate = Summary.of(List.of(50.0, 40.0, 90.0));
        assertThat(candidate.ratioTo(baseline)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void ratioToZeroBaselineIsRejected() {
        assertThatThrownBy(() -> new Summary(1, 1, 1).ratioTo(new Summary(0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive baseline");
    }

    @Test
    void runRateCountsIntervalsBetweenFirstAndLastOutput() {
        RunResult run = RunResult.of(1_001, 0, 2_000_000_000L, 5, 6);
        assertThat(run.seconds()).isEqualTo(2.0);
        assertThat(run.msgsPerSecond()).isEqualTo(500.0);
    }
}
