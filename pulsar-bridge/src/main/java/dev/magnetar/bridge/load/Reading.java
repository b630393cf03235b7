package dev.magnetar.bridge.load;

/**
 * What one stats answer said of one subscription. The counters are the broker's running totals, -1 when the answer
 * has none (the broker's dump); rates computed from two of them are fresher than the broker's own, which it averages
 * over its stats period.
 */
record Reading(long backlog, double rateIn, double rateOut, long unacked, long inCounter, long outCounter) {
    static final long NO_COUNTER = -1;

    /** Two partitions of one topic as one. */
    Reading plus(Reading other) {
        return new Reading(backlog + other.backlog, rateIn + other.rateIn, rateOut + other.rateOut,
                unacked + other.unacked, addCounters(inCounter, other.inCounter), addCounters(outCounter, other.outCounter));
    }

    private static long addCounters(long a, long b) {
        return a < 0 || b < 0 ? NO_COUNTER : a + b;
    }
}
