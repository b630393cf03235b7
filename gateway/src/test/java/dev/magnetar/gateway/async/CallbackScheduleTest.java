package dev.magnetar.gateway.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallbackScheduleTest {

    @Test
    void eachRetryWaitsTwiceAsLongAsTheOneBeforeUpToTheMaximum() {
        CallbackSchedule schedule = new CallbackSchedule(6, Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(IntStream.rangeClosed(2, 6).mapToObj(attempt -> schedule.delayBefore(attempt).orElseThrow()))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void thereIsNoAttemptAfterTheLastNorBeforeTheFirst() {
        CallbackSchedule schedule = new CallbackSchedule(3, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(schedule.delayBefore(3)).hasValue(Duration.ofMillis(200));
        assertThat(schedule.delayBefore(4)).isEmpty();
        assertThat(schedule.delayBefore(1)).isEmpty();
        assertThat(schedule.delayBefore(0)).isEmpty();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(new CallbackSchedule(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).delayBefore(2)).isEmpty();
    }

    @Test
    void manyAttemptsNeverOverflowPastTheMaximum() {
        CallbackSchedule schedule = new CallbackSchedule(Integer.MAX_VALUE, Duration.ofDays(1), Duration.ofDays(3));

        assertThat(schedule.delayBefore(70)).hasValue(Duration.ofDays(3));
        assertThat(schedule.delayBefore(Integer.MAX_VALUE)).hasValue(Duration.ofDays(3));
        assertThat(schedule.delayBefore(40)).hasValue(Duration.ofDays(3));
    }

    @Test
    void refusesNoAttemptsAndAMaximumBelowTheFirstDelay() {
        assertThatThrownBy(() -> new CallbackSchedule(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("attempts must be at least 1");
        assertThatThrownBy(() -> new CallbackSchedule(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("initialDelay <= maxDelay");
    }
}
