package dev.magnetar.bridge.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.ReplyStatus;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplyTimerTest {
    private final ScheduledThreadPoolExecutor timer = ReplyTimer.create();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void anAnsweredCallLeavesNoTimeoutQueuedBehind() {
        PendingReplies pending = new PendingReplies(100, timer);
        for (int i = 0; i < 50; i++) {
            pending.register("id-" + i, "topic", Duration.ofSeconds(30));
        }
        assertThat(timer.getQueue()).hasSize(50);

        for (int i = 0; i < 50; i++) {
            pending.complete("id-" + i, new Reply(ReplyStatus.OK, new byte[0], null, null));
        }

        assertThat(timer.getQueue()).isEmpty();
    }

    @Test
    void itsThreadIsADaemonNamedForWhatItDoes() throws Exception {
        Thread thread = timer.submit(Thread::currentThread).get();

        assertThat(thread.getName()).isEqualTo(ReplyTimer.THREAD_NAME);
        assertThat(thread.isDaemon()).isTrue();
    }
}
