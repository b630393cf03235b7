package dev.magnetar.api.state;

import java.util.concurrent.CompletableFuture;

/**
 * One function's state (its table), shared by all of its replicas and kept across restarts. Every operation is
 * asynchronous; a failure completes the future with a {@link StateException} saying what failed.
 *
 * <p>An increment is atomic across every replica of the function. When it fails or times out, whether it was applied
 * is unknown: implementations never retry one, and neither should callers without their own way to tell.
 */
public interface FunctionStateStore {

    /** Whose table this is. */
    StateScope scope();

    /** Sets {@code key} to {@code value}. */
    CompletableFuture<Void> put(String key, byte[] value);

    /** The value of {@code key}, or null when it has none. */
    CompletableFuture<StateEntry> get(String key);

    /** Removes {@code key}; nothing happens when it has no value. */
    CompletableFuture<Void> delete(String key);

    /** Adds {@code amount} (may be negative) to the counter {@code key}, which starts at 0. */
    CompletableFuture<Void> increment(String key, long amount);

    /** The counter {@code key}: 0 when it was never incremented. */
    CompletableFuture<Long> counter(String key);
}
