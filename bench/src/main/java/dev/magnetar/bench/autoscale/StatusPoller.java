package dev.magnetar.bench.autoscale;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a function's status every {@link #INTERVAL} on its own thread, as a user watching the function would, and
 * keeps every answer with the time it arrived.
 */
final class StatusPoller implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(50);

    /** Where the status comes from: one call to the control plane. */
    @FunctionalInterface
    interface Source {
        ScaleStatus read() throws IOException;
    }

    private final List<ScaleTimeline.Polled> polled = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-status-poller");
        thread.setDaemon(true);
        return thread;
    });

    private StatusPoller(Source source) {
        executor.scheduleAtFixedRate(() -> poll(source), 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    static StatusPoller start(Source source) {
        return new StatusPoller(source);
    }

    private void poll(Source source) {
        try {
            ScaleStatus status = source.read();
            polled.add(new ScaleTimeline.Polled(System.nanoTime(), status));
        } catch (IOException | RuntimeException e) {
            // A missed answer is a gap in the timeline, not a failed run; the count goes into the notes.
            failures.incrementAndGet();
        }
    }

    /** Every answer so far. */
    List<ScaleTimeline.Polled> polled() {
        return List.copyOf(polled);
    }

    int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
