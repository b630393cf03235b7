package dev.magnetar.runtime.it;

import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.api.Producer;

/**
 * Publishes {@code m-from} .. {@code m-(to-1)} in the background at a steady rate, so a step of a test (a kill, a
 * scale-down) lands in a flowing stream however fast the machine is.
 */
final class PacedStream {
    private static final int CHUNKS_PER_SECOND = 10;

    private final CompletableFuture<Void> publishing;

    private PacedStream(CompletableFuture<Void> publishing) {
        this.publishing = publishing;
    }

    static PacedStream start(Producer<String> producer, int from, int to, int perSecond) {
        int chunk = Math.max(1, perSecond / CHUNKS_PER_SECOND);
        CompletableFuture<Void> publishing = new CompletableFuture<>();
        Thread publisher = new Thread(() -> {
            try {
                long started = System.nanoTime();
                for (int next = from, chunks = 1; next < to; next += chunk, chunks++) {
                    Inputs.publish(producer, next, Math.min(to, next + chunk));
                    long due = started + chunks * 1_000_000_000L / CHUNKS_PER_SECOND;
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                }
                publishing.complete(null);
            } catch (Exception e) {
                publishing.completeExceptionally(e);
            }
        }, "paced-stream");
        publisher.setDaemon(true);
        publisher.start();
        return new PacedStream(publishing);
    }

    boolean isRunning() {
        return !publishing.isDone();
    }

    /** Waits until every message is published; fails when publishing did. */
    void join() {
        publishing.join();
    }
}
