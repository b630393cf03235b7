package dev.magnetar.runtime.status;

import java.util.function.LongSupplier;

/**
 * Counts over the last minute, sliding by the second: sixty one-second buckets, each reused when
 * its second comes round again. Answers what Pulsar reports as a function's {@code oneMin} stats.
 * Not thread-safe, so not public: its one owner, {@link InstanceActivity}, holds one lock for the window and
 * its totals.
 */
final class OneMinuteWindow {
    private static final int SECONDS = 60;

    private final LongSupplier clockMs;
    private final Bucket[] buckets = new Bucket[SECONDS];

    /** The counts of one window; latency in nanoseconds. */
    record Counts(long received, long processed, long userExceptions, long systemExceptions,
                         long latencySumNanos, long latencyCount) {
        /** Average processing latency in milliseconds, or null when nothing was processed. */
        public Double averageLatencyMs() {
            return latencyCount == 0 ? null : latencySumNanos / 1e6 / latencyCount;
        }
    }

    private static final class Bucket {
        long second = Long.MIN_VALUE;
        long received;
        long processed;
        long userExceptions;
        long systemExceptions;
        long latencySumNanos;
        long latencyCount;
    }

    OneMinuteWindow(LongSupplier clockMs) {
        this.clockMs = clockMs;
        for (int i = 0; i < SECONDS; i++) {
            buckets[i] = new Bucket();
        }
    }

    void received() {
        current().received++;
    }

    void processed(long latencyNanos) {
        Bucket bucket = current();
        bucket.processed++;
        bucket.latencySumNanos += latencyNanos;
        bucket.latencyCount++;
    }

    void userException(long latencyNanos) {
        Bucket bucket = current();
        bucket.userExceptions++;
        bucket.latencySumNanos += latencyNanos;
        bucket.latencyCount++;
    }

    void systemException() {
        current().systemExceptions++;
    }

    /** The sums over the buckets of the last sixty seconds, this one included. */
    Counts lastMinute() {
        long now = Math.floorDiv(clockMs.getAsLong(), 1000);
        long received = 0, processed = 0, user = 0, system = 0, latencySum = 0, latencyCount = 0;
        for (Bucket bucket : buckets) {
            if (bucket.second > now - SECONDS && bucket.second <= now) {
                received += bucket.received;
                processed += bucket.processed;
                user += bucket.userExceptions;
                system += bucket.systemExceptions;
                latencySum += bucket.latencySumNanos;
                latencyCount += bucket.latencyCount;
            }
        }
        return new Counts(received, processed, user, system, latencySum, latencyCount);
    }

    private Bucket current() {
        long second = Math.floorDiv(clockMs.getAsLong(), 1000);
        Bucket bucket = buckets[(int) Math.floorMod(second, SECONDS)];
        if (bucket.second != second) {
            bucket.second = second;
            bucket.received = 0;
            bucket.processed = 0;
            bucket.userExceptions = 0;
            bucket.systemExceptions = 0;
            bucket.latencySumNanos = 0;
            bucket.latencyCount = 0;
        }
        return bucket;
    }
}
