package dev.magnetar.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class StealGuardTest {

    private record Run(String name, double steal) {
    }

    private static StealGuard<Run> guard() {
        return new StealGuard<>(Run::steal, r -> r.name() + " (steal " + r.steal() + " %)");
    }

    private static StealGuard.Attempt<Run> attempts(Run... runs) {
        Deque<Run> queue = new ArrayDeque<>(List.of(runs));
        return queue::removeFirst;
    }

    @Test
    void anUndisturbedRunIsKeptAtOnceAndLeavesNoNote() throws Exception {
        StealGuard<Run> guard = guard();
        Run quiet = new Run("quiet", 2.5);

        assertThat(guard.measure(attempts(quiet, new Run("next", 0)))).isSameAs(quiet);
        assertThat(guard.notes()).isEmpty();
    }

    @Test
    void aDisturbedRunIsRepeatedUntilOneIsNotAndTheRepeatedOnesAreNoted() throws Exception {
        StealGuard<Run> guard = guard();
        Run atTheLimit = new Run("at the limit", StealGuard.MAX_STEAL_PERCENT);

        assertThat(guard.measure(attempts(new Run("disturbed", 38.2), atTheLimit))).isSameAs(atTheLimit);
        assertThat(guard.notes()).singleElement().asString()
                .startsWith("1 run(s) repeated because the machine's steal was above 10 %")
                .endsWith("disturbed (steal 38.2 %)");
    }

    @Test
    void afterTheLastAttemptTheRunIsKeptAndReportedAsDisturbed() throws Exception {
        StealGuard<Run> guard = guard();
        Run last = new Run("third", 31);

        assertThat(guard.measure(attempts(new Run("first", 40), new Run("second", 35), last, new Run("fourth", 0))))
                .isSameAs(last);
        assertThat(guard.notes()).hasSize(2);
        assertThat(guard.notes().get(0)).startsWith("2 run(s) repeated").contains("first (steal 40.0 %); second");
        assertThat(guard.notes().get(1)).startsWith("1 run(s) kept although still disturbed after 3 attempts")
                .endsWith("third (steal 31.0 %)");
    }

    @Test
    void anUnknownStealNeverRepeats() throws Exception {
        StealGuard<Run> guard = guard();
        Run unknown = new Run("unknown", -1);

        assertThat(guard.measure(attempts(unknown))).isSameAs(unknown);
        assertThat(guard.notes()).isEmpty();
    }
}
