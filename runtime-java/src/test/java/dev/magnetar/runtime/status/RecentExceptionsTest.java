package dev.magnetar.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.protocol.ReplicaStatusReport.ExceptionEntry;
import org.junit.jupiter.api.Test;

class RecentExceptionsTest {

    @Test
    void keepsTheLatestOnesOldestFirstAndDropsTheOldestWhenFull() {
        RecentExceptions ring = new RecentExceptions(3);
        for (int i = 1; i <= 5; i++) {
            ring.record("e" + i, 1000L * i);
        }
        assertThat(ring.snapshot()).containsExactly(new ExceptionEntry("e3", 3000), new ExceptionEntry("e4", 4000), new ExceptionEntry("e5", 5000));
    }

    @Test
    void isEmptyAtFirstAndSnapshotsDoNotChangeAfterwards() {
        RecentExceptions ring = new RecentExceptions(2);
        assertThat(ring.snapshot()).isEmpty();
        ring.record("first", 1);
        var snapshot = ring.snapshot();
        ring.record("second", 2);
        assertThat(snapshot).containsExactly(new ExceptionEntry("first", 1));
    }

    @Test
    void cutsLongMessagesAndNullBecomesEmpty() {
        RecentExceptions ring = new RecentExceptions(2);
        ring.record("x".repeat(5_000), 1);
        ring.record(null, 2);
        assertThat(ring.snapshot().get(0).message()).hasSize(RecentExceptions.MAX_MESSAGE_CHARS);
        assertThat(ring.snapshot().get(1).message()).isEmpty();
    }

    @Test
    void refusesAZeroCapacity() {
        assertThatThrownBy(() -> new RecentExceptions(0)).hasMessageContaining("capacity");
    }
}
