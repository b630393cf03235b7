package dev.magnetar.bench.latency;

import java.util.BitSet;
import java.util.stream.LongStream;

/**
 * Which measured messages (sequence numbers {@code warmup .. warmup + measured - 1}) have arrived, so a
 * duplicate (at-least-once redelivery) is recorded once and the missing ones can be charged at the end.
 */
public final class Arrivals {
    private final long warmup;
    private final long measured;
    private final BitSet seen;

    public Arrivals(long warmup, long measured) {
        if (measured > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(measured + " measured messages: at most " + Integer.MAX_VALUE);
        }
        this.warmup = warmup;
        this.measured = measured;
        this.seen = new BitSet((int) measured);
    }

    /** True the first time a measured message arrives; false for warm-up messages and duplicates. */
    public synchronized boolean arrived(long sequence) {
        if (sequence < warmup || sequence >= warmup + measured) {
            return false;
        }
        int bit = (int) (sequence - warmup);
        if (seen.get(bit)) {
            return false;
        }
        seen.set(bit);
        return true;
    }

    public synchronized long count() {
        return seen.cardinality();
    }

    /** Sequence numbers of the measured messages that have not arrived. */
    public synchronized LongStream missing() {
        long[] missing = LongStream.range(0, measured).filter(i -> !seen.get((int) i)).map(i -> i + warmup).toArray();
        return LongStream.of(missing);
    }
}
