package dev.magnetar.bench.latency;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate: message {@code i} is due at {@code start + i / rate}, whatever
 * happened to the messages before it. The sender waits until a message is due and never for a reply.
 */
public final class OpenLoopSchedule {
    private final long startNanos;
    private final double periodNanos;

    public OpenLoopSchedule(double ratePerSecond, long startNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate is " + ratePerSecond + " per second: must be positive");
        }
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / ratePerSecond;
    }

    /** When message {@code index} (from 0) is due, on the {@link System#nanoTime()} clock. */
    public long intendedNanos(long index) {
        return startNanos + (long) (index * periodNanos);
    }

    /** How many messages a run of {@code seconds} sends. */
    public static long messages(double ratePerSecond, double seconds) {
        return Math.max(1, Math.round(ratePerSecond * seconds));
    }

    /** Sleeps until message {@code index} is due; returns at once when it is already late. */
    public long awaitTurn(long index) {
        long due = intendedNanos(index);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }
}
