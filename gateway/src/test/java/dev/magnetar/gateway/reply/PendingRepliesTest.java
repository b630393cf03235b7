package dev.magnetar.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.protocol.ReplyStatus;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private final HashedWheelTimer timer = ReplyTimer.create();

    @AfterEach
    void stopTimer() {
        timer.stop();
    }

    @Test
    void refusesRegistrationsOverTheBoundAndAcceptsAgainOnceOneCompletes() {
        PendingReplies pending = new PendingReplies(3, timer);
        for (int i = 0; i < 3; i++) {
            pending.register("id-" + i, "topic", LONG);
        }

        assertThatThrownBy(() -> pending.register("id-3", "topic", LONG))
                .isInstanceOf(TooManyPendingRequestsException.class)
                .hasMessageContaining("3 requests are already waiting");
        assertThat(pending.size()).isEqualTo(3);

        assertThat(pending.complete("id-0", ok("done"))).isTrue();
        pending.register("id-3", "topic", LONG);
        assertThat(pending.size()).isEqualTo(3);
    }

    @Test
    void aReplyCompletesItsCallerAndLeavesTheTableEmpty() throws Exception {
        PendingReplies pending = new PendingReplies(10, timer);
        CompletableFuture<Reply> future = pending.register("id", "topic", LONG);

        assertThat(pending.complete("id", ok("hello"))).isTrue();

        assertThat(new String(future.get().body())).isEqualTo("hello");
        assertThat(pending.size()).isZero();
    }

    @Test
    void timeoutsFailWithReplyTimeoutAndEmptyTheTable() {
        PendingReplies pending = new PendingReplies(100, timer);
        List<CompletableFuture<Reply>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(pending.register("id-" + i, "persistent://t/ns/in", Duration.ofMillis(50)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));

        assertThat(pending.size()).isZero();
        assertThatThrownBy(() -> futures.get(0).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ReplyTimeoutException.class)
                .hasMessageContaining("no reply within 50 ms").hasMessageContaining("persistent://t/ns/in");
        // All 100 slots are free again.
        for (int i = 0; i < 100; i++) {
            pending.register("again-" + i, "topic", LONG);
        }
    }

    @Test
    void lateAndUnknownRepliesAreRefused() {
        PendingReplies pending = new PendingReplies(10, timer);
        pending.register("id", "topic", LONG);
        pending.complete("id", ok("first"));

        assertThat(pending.complete("id", ok("second"))).isFalse();
        assertThat(pending.complete("never-sent", ok("x"))).isFalse();
        assertThat(pending.size()).isZero();
    }

    @Test
    void aCancelledCallerFreesItsSlot() {
        PendingReplies pending = new PendingReplies(1, timer);
        CompletableFuture<Reply> future = pending.register("id", "topic", LONG);

        future.cancel(true);

        assertThat(pending.size()).isZero();
        pending.register("next", "topic", LONG);
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void failAllFailsEveryWaitingCaller() {
        PendingReplies pending = new PendingReplies(10, timer);
        CompletableFuture<Reply> first = pending.register("a", "topic", LONG);
        CompletableFuture<Reply> second = pending.register("b", "topic", LONG);

        pending.failAll(new IllegalStateException("closing"));

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(pending.size()).isZero();
    }

    @Test
    void aRegistrationAfterTheTimerStoppedFailsWithoutTakingASlot() {
        PendingReplies pending = new PendingReplies(1, timer);
        timer.stop();

        assertThatThrownBy(() -> pending.register("id", "topic", LONG))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(pending.size()).isZero();
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new PendingReplies(0, timer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPending");
    }

    private static Reply ok(String body) {
        return new Reply(ReplyStatus.OK, body.getBytes(), "text/plain", null);
    }
}
