package dev.magnetar.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window slides with a fake clock: no sleeping. */
class OneMinuteWindowTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final OneMinuteWindow window = new OneMinuteWindow(now::get);

    @Test
    void countsEverythingOfTheLastSixtySeconds() {
        window.received();
        window.received();
        window.processed(2_000_000);
        now.addAndGet(30_000);
        window.received();
        window.userException(4_000_000);
        window.systemException();

        OneMinuteWindow.Counts counts = window.lastMinute();
        assertThat(counts.received()).isEqualTo(3);
        assertThat(counts.processed()).isEqualTo(1);
        assertThat(counts.userExceptions()).isEqualTo(1);
        assertThat(counts.systemExceptions()).isEqualTo(1);
        assertThat(counts.averageLatencyMs()).isEqualTo(3.0);
    }

    @Test
    void forgetsWhatIsOlderThanAMinute() {
        window.received();
        window.processed(1_000_000);
        now.addAndGet(59_000);
        assertThat(window.lastMinute().received()).isEqualTo(1);
        now.addAndGet(1_000);
        assertThat(window.lastMinute().received()).isZero();
        assertThat(window.lastMinute().averageLatencyMs()).isNull();
    }

    @Test
    void aBucketReusedAfterAMinuteStartsFromZero() {
        window.received();
        now.addAndGet(60_000); // same slot of the ring, one minute later
        window.received();
        assertThat(window.lastMinute().received()).isEqualTo(1);
        now.addAndGet(120_000); // idle for two minutes
        assertThat(window.lastMinute().received()).isZero();
    }
}
