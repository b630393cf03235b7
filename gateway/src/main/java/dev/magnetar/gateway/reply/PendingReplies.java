package dev.magnetar.gateway.reply;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Callers waiting for a reply, by correlation id. Bounded: a registration over {@code maxPending}
 * fails at once. Every way a wait ends (reply, timeout, send failure, cancellation, close) removes
 * the entry and frees its slot exactly once, before the caller's future completes.
 */
final class PendingReplies {
    private final Map<String, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final int maxPending;
    private final Timer timer;

    PendingReplies(int maxPending, Timer timer) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
        }
        this.slots = new Semaphore(maxPending);
        this.maxPending = maxPending;
        this.timer = timer;
    }

    /**
     * Registers a caller. The returned future completes with the reply, or fails with
     * {@link ReplyTimeoutException} after {@code timeout} (on the timer's thread, at most one of its ticks late).
     *
     * @throws TooManyPendingRequestsException when {@code maxPending} callers already wait
     * @throws IllegalStateException when the timer is shut down (client closed)
     */
    CompletableFuture<Reply> register(String correlationId, String requestTopic, Duration timeout) {
        if (!slots.tryAcquire()) {
            throw new TooManyPendingRequestsException(maxPending);
        }
        CompletableFuture<Reply> future = new CompletableFuture<>();
        waiting.put(correlationId, future);
        Timeout expiry;
        try {
            expiry = timer.newTimeout(expired -> fail(correlationId, new ReplyTimeoutException(requestTopic, timeout)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException | RejectedExecutionException e) {
            take(correlationId);
            throw new IllegalStateException("the request/reply client is closed; no new requests are taken", e);
        }
        // Covers completion from outside (a caller cancelling): free the slot and the timer.
        future.whenComplete((reply, error) -> {
            expiry.cancel();
            release(correlationId, future);
        });
        return future;
    }

    /** Hands a reply to its caller; false when nobody waits for it (late or unknown). */
    boolean complete(String correlationId, Reply reply) {
        CompletableFuture<Reply> future = take(correlationId);
        return future != null && future.complete(reply);
    }

    boolean fail(String correlationId, Throwable error) {
        CompletableFuture<Reply> future = take(correlationId);
        return future != null && future.completeExceptionally(error);
    }

    void failAll(Throwable error) {
        for (String correlationId : waiting.keySet()) {
            fail(correlationId, error);
        }
    }

    int size() {
        return waiting.size();
    }

    int maxPending() {
        return maxPending;
    }

    private CompletableFuture<Reply> take(String correlationId) {
        CompletableFuture<Reply> future = waiting.remove(correlationId);
        if (future != null) {
            slots.release();
        }
        return future;
    }

    private void release(String correlationId, CompletableFuture<Reply> future) {
        if (waiting.remove(correlationId, future)) {
            slots.release();
        }
    }
}
