package dev.magnetar.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class StealGuardTest {

    private static LatencyResult run(double steal, double p99) {
        return new LatencyResult("MAGNETAR", "100 msg/s", 100, 1_000, 0, new LatencySummary(1_000, 2, 3, p99, p99, p99),
                new double[0][], 10, 20, steal);
    }

    private static StealGuard.Attempt attempts(LatencyResult... results) {
        Deque<LatencyResult> queue = new ArrayDeque<>(List.of(results));
        return queue::removeFirst;
    }

    @Test
    void anUndisturbedRunIsKeptAtOnceAndLeavesNoNote() throws Exception {
        StealGuard guard = new StealGuard();
        LatencyResult quiet = run(2.5, 40);

        assertThat(guard.measure(attempts(quiet, run(0, 1)))).isSameAs(quiet);
        assertThat(guard.notes()).isEmpty();
    }

    @Test
    void aDisturbedRunIsRepeatedUntilOneIsNotAndTheRepeatedOnesAreNoted() throws Exception {
        StealGuard guard = new StealGuard();
        LatencyResult quiet = run(StealGuard.MAX_STEAL_PERCENT, 90);

        assertThat(guard.measure(attempts(run(38.2, 33), quiet))).isSameAs(quiet);
        assertThat(guard.notes()).singleElement().asString()
                .startsWith("1 run(s) repeated because the machine's steal was above 10 %")
                .contains("MAGNETAR at 100 msg/s (steal 38.2 %, p50 2.00 ms, p99 33.00 ms)");
    }

    @Test
    void afterTheLastAttemptTheRunIsKeptAndReportedAsDisturbed() throws Exception {
        StealGuard guard = new StealGuard();
        LatencyResult last = run(31, 12);

        assertThat(guard.measure(attempts(run(40, 1), run(35, 2), last, run(0, 3)))).isSameAs(last);
        assertThat(guard.notes()).hasSize(2);
        assertThat(guard.notes().get(0)).startsWith("2 run(s) repeated");
        assertThat(guard.notes().get(1)).startsWith("1 run(s) kept although still disturbed after 3 attempts")
                .contains("steal 31.0 %");
    }

    @Test
    void anUnknownStealNeverRepeats() throws Exception {
        StealGuard guard = new StealGuard();
        LatencyResult unknown = run(-1, 5);

        assertThat(guard.measure(attempts(unknown))).isSameAs(unknown);
        assertThat(guard.notes()).isEmpty();
    }
}
