package dev.magnetar.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    private static final long MS = 1_000_000;

    @Test
    void percentilesOfOneToHundredMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            recorder.record(0, i * MS);
        }
        LatencySummary s = recorder.summary();
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isCloseTo(50, within(0.1));
        assertThat(s.p90()).isCloseTo(90, within(0.1));
        assertThat(s.p99()).isCloseTo(99, within(0.1));
        assertThat(s.max()).isCloseTo(100, within(0.1));
    }

    @Test
    void latencyCountsFromTheIntendedSendTimeSoAStallChargesEveryMessageBehindIt() {
        // Intended every 1 ms; the system stalls 100 ms, then answers the ten delayed messages at once.
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 10; i++) {
            recorder.record(i * MS, 100 * MS);
        }
        LatencySummary s = recorder.summary();
        assertThat(s.max()).isCloseTo(100, within(0.1));
        assertThat(s.p50()).isCloseTo(95, within(0.1));
    }

    @Test
    void negativeLatencyCountsAsZeroAndHugeOnesAreClamped() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(10 * MS, 5 * MS);
        recorder.record(0, LatencyRecorder.HIGHEST_NANOS * 2);
        assertThat(recorder.summary().p50()).isEqualTo(0.0);
        assertThat(recorder.summary().max()).isCloseTo(60_000, within(60.0));
    }

    @Test
    void emptyRecordingHasNoSummary() {
        assertThatThrownBy(() -> new LatencyRecorder().summary()).hasMessageContaining("no latency was recorded");
    }

    @Test
    void curveGivesOnePointPerPercentileInMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1; i <= 1000; i++) {
            recorder.record(0, i * MS);
        }
        double[][] curve = recorder.curve(50, 99.9);
        assertThat(curve[0][0]).isEqualTo(50);
        assertThat(curve[0][1]).isCloseTo(500, within(0.5));
        assertThat(curve[1][0]).isEqualTo(99.9);
        assertThat(curve[1][1]).isCloseTo(999, within(1.0));
    }
}
