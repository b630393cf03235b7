package dev.magnetar.runtime.window;

/**
 * One element of a window and the time it is tracked by: its event time (with a timestamp extractor) or the time it
 * was received. Compared by identity: two messages with the same value and time are two events.
 *
 * @param <T> what the window holds
 */
public final class Event<T> {
    private final T value;
    private final long timestamp;

    public Event(T value, long timestamp) {
        this.value = value;
        this.timestamp = timestamp;
    }

    public T value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "Event[" + value + " @" + timestamp + "]";
    }
}
