package dev.magnetar.runtime.window;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Decides when a window fires: after so many events or so much time, on the replica's clock or on watermarks (event
 * time). Before firing it tells the {@link Eviction} where the window ends. The four kinds are Pulsar's.
 */
abstract class Trigger {
    /** Sees every event added to the window. */
    void track(Event<?> event) {
    }

    /** The watermark advanced to {@code watermark}: fire every window that ends at or before it. */
    void onWatermark(long watermark) {
    }

    /** The clock's interval passed (time windows on the replica's clock). */
    void onTime() {
    }

    /** A window fired. */
    void reset() {
    }

    /** Fires every {@code count} events, the window ending now. */
    static final class Count extends Trigger {
        private final int count;
        private final WindowManager<?> manager;
        private final Eviction eviction;
        private final LongSupplier clock;
        private int current;

        Count(int count, WindowManager<?> manager, Eviction eviction, LongSupplier clock) {
            this.count = count;
            this.manager = manager;
            this.eviction = eviction;
            this.clock = clock;
        }

        @Override
        void track(Event<?> event) {
            if (++current >= count) {
                eviction.setContext(Eviction.Context.at(clock.getAsLong()));
                manager.onTrigger();
            }
        }

        @Override
        void reset() {
            current = 0;
        }
    }

    /**
     * Fires every {@code interval} milliseconds of the replica's clock (the caller schedules {@link #onTime}), the
     * window ending a millisecond before now: a message received while the window fires belongs to the next one.
     */
    static final class Time extends Trigger {
        private final long interval;
        private final WindowManager<?> manager;
        private final Eviction eviction;
        private final LongSupplier clock;

        Time(long interval, WindowManager<?> manager, Eviction eviction, LongSupplier clock) {
            this.interval = interval;
            this.manager = manager;
            this.eviction = eviction;
            this.clock = clock;
        }

        @Override
        void onTime() {
            eviction.setContext(new Eviction.Context(clock.getAsLong() - 1, null, null, interval));
            manager.onTrigger();
        }
    }

    /** Fires a window for every {@code count} events up to the watermark, each ending at its last event's time. */
    static final class WatermarkCount extends Trigger {
        private final int count;
        private final WindowManager<?> manager;
        private final Eviction eviction;
        private long lastFired;

        WatermarkCount(int count, WindowManager<?> manager, Eviction eviction) {
            this.count = count;
            this.manager = manager;
            this.eviction = eviction;
        }

        @Override
        void onWatermark(long watermark) {
            List<Long> ends = manager.slidingCountTimestamps(lastFired, watermark, count);
            for (long end : ends) {
                eviction.setContext(new Eviction.Context(end, null, (long) count, null));
                manager.onTrigger();
                lastFired = end;
            }
        }
    }

    /**
     * Fires every window of {@code interval} milliseconds that ends at or before the watermark; windows without events
     * are skipped to the next one that has some, aligned to the interval.
     */
    static final class WatermarkTime extends Trigger {
        private final long interval;
        private final WindowManager<?> manager;
        private final Eviction eviction;
        private long nextEnd;

        WatermarkTime(long interval, WindowManager<?> manager, Eviction eviction) {
            this.interval = interval;
            this.manager = manager;
            this.eviction = eviction;
        }

        @Override
        void onWatermark(long watermark) {
            long end = nextEnd;
            while (end <= watermark) {
                eviction.setContext(new Eviction.Context(end, (long) manager.eventCount(end), null, null));
                if (manager.onTrigger()) {
                    end += interval;
                } else {
                    long next = nextAlignedEnd(end, watermark);
                    if (next == Long.MAX_VALUE) {
                        break;
                    }
                    end = next;
                }
            }
            nextEnd = end;
        }

        /** The end of the first window after {@code after} with an event up to {@code upTo}; MAX_VALUE for none. */
        private long nextAlignedEnd(long after, long upTo) {
            long earliest = manager.earliestTimestamp(after, upTo);
            if (earliest == Long.MAX_VALUE || earliest % interval == 0) {
                return earliest;
            }
            return earliest + (interval - earliest % interval);
        }
    }
}
