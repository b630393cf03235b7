package dev.magnetar.local;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Starts replicas one after another, at most one per interval, on a thread of its own: a scale-up
 * returns at once and never boots every JVM at the same moment. A replica stopped while it waits
 * here is skipped, and {@link #close} drops every start still waiting.
 */
final class StartQueue implements AutoCloseable {
    private final BlockingQueue<LocalReplica> waiting = new LinkedBlockingQueue<>();
    private final Duration interval;
    private final Thread starter;
    private volatile boolean closed;

    StartQueue(Duration interval) {
        this.interval = interval;
        this.starter = new Thread(this::run, "magnetar-replica-starter");
        starter.setDaemon(true);
        starter.start();
    }

    /** Queues the first start of {@code replica}; nothing happens once closed. */
    void submit(LocalReplica replica) {
        if (!closed) {
            waiting.add(replica);
        }
    }

    private void run() {
        try {
            while (!closed) {
                LocalReplica next = waiting.take();
                if (!closed && next.start()) {
                    Thread.sleep(interval.toMillis());
                }
            }
        } catch (InterruptedException e) {
            // Closed: the starts still waiting are dropped.
        }
    }

    @Override
    public void close() {
        closed = true;
        waiting.clear();
        starter.interrupt();
    }
}
