package dev.magnetar.runtime.loop;

import dev.magnetar.runtime.publish.Publisher;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Two bounds on a replica's work. {@code concurrency} invocations run at once; a message whose
 * invocation is done frees its slot while its output is still being stored, so a replica with
 * concurrency 1 does not wait a broker round trip per message. A larger bound caps the messages
 * received but not yet acked (memory, and what goes back to the subscription on a crash).
 */
final class Admission {
    private final int invocations;
    private final int unsettled;
    /** Null when the caller runs one invocation at a time itself: the bound then costs nothing to keep. */
    private final Semaphore invoking;
    private final Semaphore pending;

    /**
     * @param sequential the caller invokes synchronously on the one receiving thread, so no more than one
     *                   invocation can run at once whatever this counts
     */
    Admission(int concurrency, boolean sequential) {
        this.invocations = concurrency;
        this.unsettled = maxUnsettled(concurrency, sequential);
        this.invoking = sequential ? null : new Semaphore(invocations);
        this.pending = new Semaphore(unsettled);
    }

    /**
     * A sequential caller (which flushes its output batch only when idle or about to wait here) may hold more
     * than two full output batches: a batch's messages are acked only once the broker stored it, so a bound
     * at one batch would make it wait for every batch's round trip.
     */
    static int maxUnsettled(int concurrency, boolean sequential) {
        return sequential ? 3 * Publisher.BATCH_MAX_MESSAGES : Math.max(1_000, concurrency * 4);
    }

    /** Takes the slots of one more message if both are free now, without waiting. */
    boolean tryAcquire() {
        if (!pending.tryAcquire()) {
            return false;
        }
        if (invoking == null || invoking.tryAcquire()) {
            return true;
        }
        pending.release();
        return false;
    }

    /** Blocks until one more message may be taken. */
    void acquire() throws InterruptedException {
        pending.acquire();
        if (invoking == null) {
            return;
        }
        try {
            invoking.acquire();
        } catch (InterruptedException e) {
            pending.release();
            throw e;
        }
    }

    /** Gives back both slots of a message not taken after all. */
    void cancel() {
        invoked();
        pending.release();
    }

    void invoked() {
        if (invoking != null) {
            invoking.release();
        }
    }

    void settled() {
        pending.release();
    }

    /** Waits until every taken message is settled; false when {@code grace} ran out first. */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        if (pending.tryAcquire(unsettled, grace.toMillis(), TimeUnit.MILLISECONDS)) {
            pending.release(unsettled);
            return true;
        }
        return false;
    }

    int unsettled() {
        return unsettled - pending.availablePermits();
    }
}
