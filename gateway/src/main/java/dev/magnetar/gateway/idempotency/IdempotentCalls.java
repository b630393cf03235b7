package dev.magnetar.gateway.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a call once per key: the first call with a key runs, a repeat gets its answer, waiting for it while the
 * first still runs. Kept in this instance's memory only, for {@link IdempotencyConfig#ttl()} after the first call
 * and for at most {@link IdempotencyConfig#maxKeys()} keys (Caffeine's size eviction drops the least used first).
 */
public final class IdempotentCalls {
    private final Cache<IdempotencyScope, Entry> entries;

    public IdempotentCalls(IdempotencyConfig config) {
        this(config, Ticker.systemTicker());
    }

    IdempotentCalls(IdempotencyConfig config, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(config.ttl())
                .maximumSize(config.maxKeys())
                .ticker(ticker)
                .build();
    }

    /**
     * The answer to the call under {@code scope}: {@code call}'s own when this is the key's first call, else the
     * first call's. An answer that refused the call before it reached the function is handed to the callers that
     * waited for it but not kept: a later retry runs the call.
     *
     * @throws KeyReusedException when the key was first sent with a request of another {@code fingerprint}
     */
    public CompletableFuture<Answer> answer(IdempotencyScope scope, String fingerprint,
                                            Supplier<CompletableFuture<KeptAnswer>> call) {
        Entry mine = new Entry(fingerprint, new CompletableFuture<>());
        Entry first = entries.asMap().putIfAbsent(scope, mine);
        if (first != null) {
            if (!first.fingerprint().equals(fingerprint)) {
                throw new KeyReusedException(scope);
            }
            return first.answer().thenApply(kept -> new Answer(kept, true));
        }
        CompletableFuture<KeptAnswer> running;
        try {
            running = call.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((kept, error) -> {
            if (error != null || !kept.reachedTheFunction()) {
                entries.asMap().remove(scope, mine);
            }
            if (error != null) {
                mine.answer().completeExceptionally(error);
            } else {
                mine.answer().complete(kept);
            }
        });
        return mine.answer().thenApply(kept -> new Answer(kept, false));
    }

    /** Keys remembered now, answered or still running. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /**
     * @param kept     the answer
     * @param replayed true when it is another call's answer, the call having run once for the key already
     */
    public record Answer(KeptAnswer kept, boolean replayed) {
    }

    private record Entry(String fingerprint, CompletableFuture<KeptAnswer> answer) {
    }
}
