package dev.magnetar.runtime.window;

import java.util.function.LongSupplier;

/**
 * Decides, for each event of the window when it is scanned, whether it leaves the window (and is acked), belongs to the
 * window being fired, or stays for a later one. The four kinds are Pulsar's: by count or by time, each on the
 * replica's clock or on watermarks (event time).
 */
abstract class Eviction {
    /** What becomes of a scanned event. */
    enum Action {
        /** It leaves the window. */
        EXPIRE,
        /** It is part of the window being fired. */
        PROCESS,
        /** It stays for a later window; the scan goes on. */
        KEEP,
        /** It and every later event stay; the scan stops. */
        STOP
    }

    /**
     * What a trigger tells the eviction when it fires.
     *
     * @param referenceTime   the end of the window being fired
     * @param currentCount    events up to the reference time (watermark time windows), or null
     * @param slidingCount    the sliding count (watermark count windows), or null
     * @param slidingInterval the sliding duration (time windows), or null
     */
    record Context(long referenceTime, Long currentCount, Long slidingCount, Long slidingInterval) {
        static Context at(long referenceTime) {
            return new Context(referenceTime, null, null, null);
        }
    }

    private Context context;

    abstract Action evict(Event<?> event);

    /** Sees every event added to the window. */
    void track(Event<?> event) {
    }

    void setContext(Context context) {
        this.context = context;
    }

    /** The last context a trigger set; null before the first trigger. */
    Context context() {
        return context;
    }

    /** The end of the window being fired; null before the first trigger. */
    Long referenceTime() {
        return context == null ? null : context.referenceTime();
    }

    /** The window keeps the last {@code threshold} events. */
    static final class Count extends Eviction {
        private final long threshold;
        private long current;

        Count(long threshold) {
            this.threshold = threshold;
        }

        @Override
        void track(Event<?> event) {
            current++;
        }

        @Override
        Action evict(Event<?> event) {
            if (current > threshold) {
                current--;
                return Action.EXPIRE;
            }
            return Action.PROCESS;
        }
    }

    /** The window keeps the events of the last {@code length} milliseconds of the replica's clock. */
    static class Time extends Eviction {
        private final long length;
        private final LongSupplier clock;
        /** Drift of the trigger from its interval; the first window takes every event. */
        private long delta;

        Time(long length, LongSupplier clock) {
            this.length = length;
            this.clock = clock;
        }

        @Override
        void setContext(Context next) {
            Context previous = context();
            super.setContext(next);
            if (next.slidingInterval() != null) {
                delta = previous == null ? Integer.MAX_VALUE
                        : next.referenceTime() - previous.referenceTime() - next.slidingInterval();
            }
        }

        @Override
        Action evict(Event<?> event) {
            long now = context() == null ? clock.getAsLong() : context().referenceTime();
            long age = now - event.timestamp();
            if (age >= length + delta) {
                return Action.EXPIRE;
            }
            return age < 0 ? Action.KEEP : Action.PROCESS;
        }
    }

    /** As {@link Time}, on watermarks: events ahead of the watermark stay, and far ahead (beyond the lag) end the scan. */
    static final class WatermarkTime extends Time {
        private final long lag;

        WatermarkTime(long length, long lag) {
            super(length, () -> {
                throw new IllegalStateException("an event-time window has no clock");
            });
            this.lag = lag;
        }

        @Override
        Action evict(Event<?> event) {
            if (context() == null) {
                return Action.STOP; // before the first watermark every event waits
            }
            long age = context().referenceTime() - event.timestamp();
            if (age < -lag) {
                return Action.STOP;
            }
            return age < 0 ? Action.KEEP : super.evict(event);
        }
    }

    /** As {@link Count}, on watermarks: counts only the events up to the watermark. */
    static final class WatermarkCount extends Eviction {
        private final long threshold;
        private long current;
        private long processed;

        WatermarkCount(long threshold) {
            this.threshold = threshold;
        }

        @Override
        void setContext(Context next) {
            super.setContext(next);
            current = next.currentCount() != null ? next.currentCount() : processed + next.slidingCount();
            processed = 0;
        }

        @Override
        Action evict(Event<?> event) {
            if (context() == null) {
                return Action.STOP;
            }
            if (event.timestamp() > context().referenceTime() || processed >= current) {
                return Action.KEEP;
            }
            if (current > threshold) {
                current--;
                return Action.EXPIRE;
            }
            processed++;
            return Action.PROCESS;
        }
    }
}
