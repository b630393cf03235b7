package dev.magnetar.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoarseClockTest {
    @Test
    void followsTheWallClockWithinItsResolution() {
        long before = System.currentTimeMillis();
        long coarse = CoarseClock.millis();
        long after = System.currentTimeMillis();
        // A stalled ticker (a GC pause, a busy machine) may lag more than one period: allow a few.
        assertThat(coarse).isBetween(before - 20 * CoarseClock.RESOLUTION_MS, after);

        long later = before + 5 * CoarseClock.RESOLUTION_MS;
        await().atMost(Duration.ofSeconds(10)).until(() -> CoarseClock.millis() >= later);
    }
}
