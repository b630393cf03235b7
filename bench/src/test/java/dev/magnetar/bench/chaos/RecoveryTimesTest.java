package dev.magnetar.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryTimesTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long KILLED = 100 * SECOND;

    @Test
    void firstSuccessIsTheEndOfTheFirstCallSentAfterTheKillThatAnswered200() {
        List<GatewayCall> calls = List.of(
                new GatewayCall(KILLED - SECOND, KILLED + SECOND, 200), // sent before the kill: says nothing
                new GatewayCall(KILLED + SECOND, KILLED + 2 * SECOND, GatewayCall.NO_ANSWER),
                new GatewayCall(KILLED + 3 * SECOND, KILLED + 8 * SECOND, 504),
                new GatewayCall(KILLED + 4 * SECOND, KILLED + 6 * SECOND, 200),
                new GatewayCall(KILLED + 5 * SECOND, KILLED + 7 * SECOND, 200));

        assertThat(RecoveryTimes.toFirstSuccess(KILLED, calls)).isCloseTo(6, within(1e-9));
    }

    @Test
    void withoutASuccessfulCallAfterTheKillItNeverRecovered() {
        List<GatewayCall> calls = List.of(new GatewayCall(KILLED + SECOND, KILLED + 2 * SECOND, 503));

        assertThat(RecoveryTimes.toFirstSuccess(KILLED, calls)).isEqualTo(RecoveryTimes.NEVER);
    }

    @Test
    void drainedWhenTheLastInputSentBeforeTheKillCameOut() {
        Map<Long, Long> sentAt = Map.of(0L, KILLED - 3 * SECOND, 1L, KILLED - SECOND, 2L, KILLED + SECOND);
        Map<Long, Long> firstOutputAt = Map.of(0L, KILLED - 2 * SECOND, 1L, KILLED + 4 * SECOND,
                2L, KILLED + 9 * SECOND); // sent after the kill: not part of what was waiting

        assertThat(RecoveryTimes.toDrained(KILLED, sentAt, firstOutputAt)).isCloseTo(4, within(1e-9));
    }

    @Test
    void nothingWaitingAtTheKillIsDrainedAtOnce() {
        Map<Long, Long> sentAt = Map.of(0L, KILLED - 3 * SECOND);
        Map<Long, Long> firstOutputAt = Map.of(0L, KILLED - 2 * SECOND);

        assertThat(RecoveryTimes.toDrained(KILLED, sentAt, firstOutputAt)).isZero();
    }

    @Test
    void anInputSentBeforeTheKillThatNeverCameOutNeverDrained() {
        Map<Long, Long> sentAt = Map.of(0L, KILLED - SECOND);

        assertThat(RecoveryTimes.toDrained(KILLED, sentAt, Map.of())).isEqualTo(RecoveryTimes.NEVER);
    }
}
