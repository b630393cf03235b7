package dev.magnetar.runtime.loop;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs tasks with the same key one after another and tasks with different keys side by side,
 * so Key_Shared keeps per-key order while a replica has many messages in flight. Only the
 * receiving thread submits, so the order of submission is the order of receipt.
 */
final class KeySequencer {
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    CompletableFuture<Void> submit(String key, Supplier<CompletableFuture<Void>> task) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, mine);
        (previous == null ? IDLE : previous).whenComplete((ignored, error) -> start(task).whenComplete((done, failure) -> {
            tails.remove(key, mine);
            mine.complete(null);
        }));
        return mine;
    }

    /** Keys with work queued or running; empty when idle, so the map never grows with old keys. */
    int activeKeys() {
        return tails.size();
    }

    private static CompletableFuture<Void> start(Supplier<CompletableFuture<Void>> task) {
        try {
            return task.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
