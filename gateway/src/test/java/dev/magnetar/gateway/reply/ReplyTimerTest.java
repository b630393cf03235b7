package dev.magnetar.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.protocol.ReplyStatus;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplyTimerTest {
    private final HashedWheelTimer timer = ReplyTimer.create();

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void anAnsweredCallLeavesNoTimeoutBehind() {
        PendingReplies pending = new PendingReplies(100, timer);
        for (int i = 0; i < 50; i++) {
            pending.register("id-" + i, "topic", Duration.ofSeconds(30));
        }
        assertThat(timer.pendingTimeouts()).isEqualTo(50);

        for (int i = 0; i < 50; i++) {
            pending.complete("id-" + i, new Reply(ReplyStatus.OK, new byte[0], null, null));
        }

        // Cancelled timeouts leave the wheel on its next tick, not 30 s later.
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.pendingTimeouts() == 0);
    }

    @Test
    void itsThreadIsADaemonNamedForWhatItDoes() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        timer.newTimeout(timeout -> ran.complete(Thread.currentThread()), 1, TimeUnit.MILLISECONDS);

        Thread thread = ran.get(5, TimeUnit.SECONDS);
        assertThat(thread.getName()).isEqualTo(ReplyTimer.THREAD_NAME);
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void aTimeoutNeverFiresEarly() throws Exception {
        PendingReplies pending = new PendingReplies(10, timer);
        long start = System.nanoTime();
        CompletableFuture<Long> failedAt = pending.register("id", "topic", Duration.ofMillis(120))
                .handle((reply, error) -> System.nanoTime());

        assertThat(TimeUnit.NANOSECONDS.toMillis(failedAt.get(5, TimeUnit.SECONDS) - start)).isGreaterThanOrEqualTo(120);
    }
}
