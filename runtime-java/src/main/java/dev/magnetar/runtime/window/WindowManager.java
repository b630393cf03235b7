package dev.magnetar.runtime.window;

import dev.magnetar.api.v1alpha1.WindowSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Holds a window's events and applies its {@link Trigger} and {@link Eviction}, with the semantics of Pulsar's window
 * executor: a fired window is every event the eviction keeps; events leave (expire) when a scan finds them out of the
 * window, that is when a later window fires, or every {@value #COMPACT_EVERY} events to keep the queue short. Not
 * thread-safe: one caller at a time (the {@link WindowExecutor} holds a lock around every call).
 *
 * @param <T> what the window holds
 */
public final class WindowManager<T> {
    /** A scan that expires what has left every this many events, as Pulsar's EXPIRE_EVENTS_THRESHOLD. */
    static final int COMPACT_EVERY = 100;

    private final ArrayDeque<Event<T>> queue = new ArrayDeque<>();
    private final WindowListener<T> listener;
    private final List<Event<T>> expiredSinceFired = new ArrayList<>();
    private Set<Event<T>> previousWindow = identitySet();
    private Eviction eviction;
    private Trigger trigger;
    private int sinceCompaction;

    private WindowManager(WindowListener<T> listener) {
        this.listener = listener;
    }

    /**
     * The manager of a resolved window (its sliding interval inferred). Time windows on the clock need
     * {@link #onTime} every {@code slidingIntervalDurationMs}; event-time windows need {@link #onWatermark}.
     */
    public static <T> WindowManager<T> of(WindowSpec window, WindowListener<T> listener, LongSupplier clock) {
        WindowManager<T> manager = new WindowManager<>(listener);
        boolean eventTime = window.timestampExtractorClassName() != null;
        Eviction eviction;
        if (window.windowLengthCount() != null) {
            eviction = eventTime ? new Eviction.WatermarkCount(window.windowLengthCount())
                    : new Eviction.Count(window.windowLengthCount());
        } else {
            eviction = eventTime ? new Eviction.WatermarkTime(window.windowLengthDurationMs(), window.maxLagMs())
                    : new Eviction.Time(window.windowLengthDurationMs(), clock);
        }
        Trigger trigger;
        if (window.slidingIntervalCount() != null) {
            trigger = eventTime ? new Trigger.WatermarkCount(window.slidingIntervalCount(), manager, eviction)
                    : new Trigger.Count(window.slidingIntervalCount(), manager, eviction, clock);
        } else {
            trigger = eventTime ? new Trigger.WatermarkTime(window.slidingIntervalDurationMs(), manager, eviction)
                    : new Trigger.Time(window.slidingIntervalDurationMs(), manager, eviction, clock);
        }
        manager.eviction = eviction;
        manager.trigger = trigger;
        return manager;
    }

    /** Adds an event; a count trigger may fire a window before this returns. */
    public void add(T value, long timestamp) {
        Event<T> event = new Event<>(value, timestamp);
        queue.add(event);
        eviction.track(event);
        trigger.track(event);
        compact();
    }

    /** The watermark advanced (event time): fires every window that ends at or before it. */
    public void onWatermark(long watermark) {
        trigger.onWatermark(watermark);
        compact();
    }

    /** The sliding interval passed on the clock (time windows without event time). */
    public void onTime() {
        trigger.onTime();
    }

    /** Events held, in the window or waiting for the next one. */
    public int size() {
        return queue.size();
    }

    /** Fires the window the eviction's context ends; false when it had no event. */
    boolean onTrigger() {
        List<Event<T>> window = scan(true);
        List<Event<T>> expired = new ArrayList<>(expiredSinceFired);
        expiredSinceFired.clear();
        List<Event<T>> fresh = new ArrayList<>();
        for (Event<T> event : window) {
            if (!previousWindow.contains(event)) {
                fresh.add(event);
            }
        }
        previousWindow = identitySet();
        previousWindow.addAll(window);
        if (!window.isEmpty()) {
            listener.onActivation(window, fresh, expired, eviction.referenceTime());
        }
        trigger.reset();
        return !window.isEmpty();
    }

    private void compact() {
        if (++sinceCompaction >= COMPACT_EVERY) {
            scan(false);
        }
    }

    /**
     * Expires what the eviction says has left and, on a full scan, collects the window; a partial scan stops at the
     * first event that stays.
     */
    private List<Event<T>> scan(boolean full) {
        List<Event<T>> expire = new ArrayList<>();
        List<Event<T>> window = new ArrayList<>();
        Iterator<Event<T>> events = queue.iterator();
        while (events.hasNext()) {
            Event<T> event = events.next();
            Eviction.Action action = eviction.evict(event);
            if (action == Eviction.Action.EXPIRE) {
                expire.add(event);
                events.remove();
            } else if (!full || action == Eviction.Action.STOP) {
                break;
            } else if (action == Eviction.Action.PROCESS) {
                window.add(event);
            }
        }
        expiredSinceFired.addAll(expire);
        sinceCompaction = 0;
        if (!expire.isEmpty()) {
            listener.onExpiry(expire);
        }
        return window;
    }

    /** The earliest event time in (after, upTo]; MAX_VALUE for none. */
    long earliestTimestamp(long after, long upTo) {
        long earliest = Long.MAX_VALUE;
        for (Event<T> event : queue) {
            if (event.timestamp() > after && event.timestamp() <= upTo) {
                earliest = Math.min(earliest, event.timestamp());
            }
        }
        return earliest;
    }

    /** Events at or before {@code upTo}. */
    int eventCount(long upTo) {
        int count = 0;
        for (Event<T> event : queue) {
            if (event.timestamp() <= upTo) {
                count++;
            }
        }
        return count;
    }

    /** The end time of each run of {@code count} events in (after, upTo], in queue order. */
    List<Long> slidingCountTimestamps(long after, long upTo, int count) {
        List<Long> ends = new ArrayList<>();
        if (upTo > after) {
            int seen = 0;
            long latest = Long.MIN_VALUE;
            for (Event<T> event : queue) {
                if (event.timestamp() > after && event.timestamp() <= upTo) {
                    latest = Math.max(latest, event.timestamp());
                    if (++seen % count == 0) {
                        ends.add(latest);
                    }
                }
            }
        }
        return ends;
    }

    private static <E> Set<E> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
