package dev.magnetar.runtime.loop;

import dev.magnetar.runtime.publish.Publisher;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Two bounds on a replica's work. {@code concurrency} invocations run at once; a message whose
 * invocation is done frees its slot while its output is still being stored, so a replica with
 * concurrency 1 does not wait a broker round trip per message. A larger bound caps the messages
 * received but not yet acked (memory, and what goes back to the subscription on a crash). A large
 * message weighs more than one slot there, so the unsettled inputs stay under
 * {@value #MAX_UNSETTLED_BYTES} bytes: their outputs wait in the Pulsar client's send buffer (64 MB by
 * default), and a full buffer fails a send instead of waiting (200 KB messages failed hundreds of
 * sends per drain, each a redelivery, before this bound).
 */
final class Admission {
    /** Input bytes received and not yet settled, at most: half the client's default send buffer. */
    static final int MAX_UNSETTLED_BYTES = 32 * 1024 * 1024;

    private final int invocations;
    private final int bytesPerSlot;
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
        this.bytesPerSlot = Math.max(1, MAX_UNSETTLED_BYTES / unsettled);
        this.invoking = sequential ? null : new Semaphore(invocations);
        this.pending = new Semaphore(unsettled);
    }

    /**
     * A sequential caller (which flushes its output batch only when idle or about to wait here) may hold more
     * than two full output batches: a batch's messages are acked only once the broker stored it, so a bound
     * at one batch would make it wait for every batch's round trip.
     */
    static int maxUnsettled(int concurrency, boolean sequential) {
        return sequential ? 10 * Publisher.BATCH_MAX_MESSAGES : Math.max(1_000, concurrency * 4);
    }

    /**
     * The unsettled slots a received message of {@code bytes} takes: one per {@code bytesPerSlot} started, at
     * most all of them (a message bigger than the whole budget still goes, alone). A small message weighs one,
     * the slot taken before it was received, so the common path takes nothing more.
     */
    int weight(int bytes) {
        return Math.min(unsettled, 1 + bytes / bytesPerSlot);
    }

    /** Takes the slots a received message weighs beyond the one taken for it, if they are free now. */
    boolean tryAcquireWeight(int weight) {
        return weight <= 1 || pending.tryAcquire(weight - 1);
    }

    /** Blocks until the slots a received message weighs beyond the one taken for it are free. */
    void acquireWeight(int weight) throws InterruptedException {
        if (weight > 1) {
            pending.acquire(weight - 1);
        }
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

    /** A message of that weight left the replica's hands. */
    void settled(int weight) {
        pending.release(weight);
    }

    /** Waits until every taken message is settled; false when {@code grace} ran out first. */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        if (pending.tryAcquire(unsettled, grace.toMillis(), TimeUnit.MILLISECONDS)) {
            pending.release(unsettled);
            return true;
        }
        return false;
    }

    /** Unsettled slots taken, a large message counting by its weight. */
    int unsettled() {
        return unsettled - pending.availablePermits();
    }
}
