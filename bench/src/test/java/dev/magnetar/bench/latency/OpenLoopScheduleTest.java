package dev.magnetar.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void messageIsDueAtStartPlusIndexOverRate() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 5_000);
        assertThat(schedule.intendedNanos(0)).isEqualTo(5_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(5_000 + 1_000_000);
        assertThat(schedule.intendedNanos(2_500)).isEqualTo(5_000 + 2_500_000_000L);
    }

    @Test
    void fractionalPeriodsDoNotAccumulateRoundingError() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(3, 0);
        assertThat(schedule.intendedNanos(3_000)).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void aLateMessageIsDueAtOnceAndKeepsItsIntendedTime() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(10, System.nanoTime() - 1_000_000_000L);
        assertThat(schedule.awaitTurn(0)).isEqualTo(schedule.intendedNanos(0));
    }

    @Test
    void messagesOfARunAreRateTimesSecondsAndAtLeastOne() {
        assertThat(OpenLoopSchedule.messages(5_000, 10)).isEqualTo(50_000);
        assertThat(OpenLoopSchedule.messages(0.01, 1)).isEqualTo(1);
    }

    @Test
    void nonPositiveRateIsRejected() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0)).hasMessageContaining("rate is 0.0 per second");
    }
}
