package dev.magnetar.bench.scenario;

/**
 * Which outputs of a drain run are measured: the first {@code warmup} warm the worker JVM up and are not, the
 * {@code measured} after them are.
 */
final class DrainWindow {
    private final long warmup;
    private final long measured;
    private long seen;

    DrainWindow(long warmup, long measured) {
        if (warmup < 0 || measured < 2) {
            throw new IllegalArgumentException("a drain measures at least 2 outputs after 0 or more warm-up ones, got "
                    + measured + " after " + warmup);
        }
        this.warmup = warmup;
        this.measured = measured;
    }

    /** Counts one output; true when it is the first measured one, where the measurement starts. */
    boolean count() {
        return seen++ == warmup;
    }

    boolean complete() {
        return seen >= total();
    }

    long seen() {
        return seen;
    }

    long measured() {
        return measured;
    }

    /** Messages the run pre-fills and drains. */
    long total() {
        return warmup + measured;
    }
}
