package dev.magnetar.runtime.status;

import dev.magnetar.api.protocol.ReplicaStatusReport.ExceptionEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last {@code capacity} exceptions, oldest first: a bounded ring, so a function failing on every
 * message holds a fixed amount of memory. Messages are cut to {@link #MAX_MESSAGE_CHARS}.
 */
public final class RecentExceptions {
    /** As many as Pulsar's instances keep. */
    public static final int DEFAULT_CAPACITY = 10;
    static final int MAX_MESSAGE_CHARS = 1_000;

    private final int capacity;
    private final Deque<ExceptionEntry> entries;

    public RecentExceptions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    public synchronized void record(String message, long timestampMs) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        String text = message == null ? "" : message;
        entries.addLast(new ExceptionEntry(text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text,
                timestampMs));
    }

    public synchronized List<ExceptionEntry> snapshot() {
        return List.copyOf(entries);
    }
}
