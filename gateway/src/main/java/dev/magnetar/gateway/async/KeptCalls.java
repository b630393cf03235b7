package dev.magnetar.gateway.async;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The bound on the calls the gateways keep: what the calls topic holds after compaction, and what every gateway's
 * table view of it holds in memory. A call is forgotten when it expires; besides, while more than
 * {@code maxResults} calls or more than {@code maxBytes} of results are kept, the finished calls that finished first
 * are forgotten. A pending call is forgotten only when it expires, since nobody would hear of its result otherwise:
 * when pending calls alone fill the bound, {@link #roomForOneMore} says no and new calls are refused.
 *
 * <p>It only decides: the store sends the tombstones and tells it when each one was read back. A call being
 * forgotten no longer counts, so one decision is not taken twice while its tombstone travels. Thread-safe.
 */
final class KeptCalls {
    private record Entry(String id, long expiresAt, long finishedAt, long bytes) {
        boolean pending() {
            return finishedAt < 0;
        }
    }

    private final int maxResults;
    private final long maxBytes;
    private final Map<String, Entry> kept = new HashMap<>();
    /** Tombstone sent, not yet read back: kept aside, to count again if sending it failed. */
    private final Map<String, Entry> forgetting = new HashMap<>();
    private final TreeSet<Entry> byExpiry = new TreeSet<>(
            Comparator.comparingLong(Entry::expiresAt).thenComparing(Entry::id));
    private final TreeSet<Entry> finishedByAge = new TreeSet<>(
            Comparator.comparingLong(Entry::finishedAt).thenComparing(Entry::id));
    private long bytes;

    KeptCalls(int maxResults, long maxBytes) {
        if (maxResults < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxResults and maxBytes must be at least 1, were " + maxResults
                    + " and " + maxBytes);
        }
        this.maxResults = maxResults;
        this.maxBytes = maxBytes;
    }

    /** A record was written (or read at start): it is kept, replacing what was kept under its id. */
    synchronized void kept(CallRecord record) {
        forgetting.remove(record.id());
        remove(record.id());
        long finishedAt = record.pending() ? -1 : record.result().finishedAt();
        add(new Entry(record.id(), record.expiresAt(), finishedAt, record.resultBytes()));
    }

    /** The call's tombstone was read back: it is gone. */
    synchronized void forgotten(String id) {
        forgetting.remove(id);
        remove(id);
    }

    /** Sending the call's tombstone failed: it counts again, and the next decision may forget it again. */
    synchronized void stillKept(String id) {
        Entry entry = forgetting.remove(id);
        if (entry != null && !kept.containsKey(id)) {
            add(entry);
        }
    }

    /**
     * The calls to forget now: the expired ones, then the finished ones that finished first while over the bound.
     * Each is returned once, until {@link #stillKept} puts it back.
     */
    synchronized List<String> toForget(long now) {
        List<String> ids = new ArrayList<>();
        while (!byExpiry.isEmpty() && byExpiry.first().expiresAt() <= now) {
            ids.add(setAside(byExpiry.first()));
        }
        while ((kept.size() > maxResults || bytes > maxBytes) && !finishedByAge.isEmpty()) {
            ids.add(setAside(finishedByAge.first()));
        }
        return ids;
    }

    /** Whether one more pending call fits: finished calls make room, pending ones do not. */
    synchronized boolean roomForOneMore() {
        return pending() < maxResults;
    }

    synchronized int size() {
        return kept.size();
    }

    synchronized int pending() {
        return kept.size() - finishedByAge.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    int maxResults() {
        return maxResults;
    }

    private String setAside(Entry entry) {
        remove(entry.id());
        forgetting.put(entry.id(), entry);
        return entry.id();
    }

    private void add(Entry entry) {
        kept.put(entry.id(), entry);
        byExpiry.add(entry);
        if (!entry.pending()) {
            finishedByAge.add(entry);
        }
        bytes += entry.bytes();
    }

    private void remove(String id) {
        Entry entry = kept.remove(id);
        if (entry != null) {
            byExpiry.remove(entry);
            finishedByAge.remove(entry);
            bytes -= entry.bytes();
        }
    }
}
