package dev.magnetar.runtime.state;

import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateEntry;
import dev.magnetar.api.state.StateException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The state verbs of Pulsar's {@code Context} and {@code DefaultStateStore} on the replica's {@link ReplicaState}:
 * asynchronous forms return its futures, synchronous forms wait up to {@link #TIMEOUT} and throw the
 * {@link StateException} itself. An increment that fails or times out is never retried: whether it was applied is
 * unknown, and the exception says so.
 */
public final class StateCalls {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReplicaState state;

    public StateCalls(ReplicaState state) {
        this.state = state;
    }

    public ReplicaState state() {
        return state;
    }

    public CompletableFuture<Void> putAsync(String key, ByteBuffer value) {
        byte[] bytes = bytes(value);
        return on(store -> store.put(key, bytes));
    }

    /** The value, or null when the key has none; a counter's value is its 8 big-endian bytes. */
    public CompletableFuture<ByteBuffer> getAsync(String key) {
        return on(store -> store.get(key)).thenApply(entry -> entry == null ? null : ByteBuffer.wrap(entry.value()));
    }

    public CompletableFuture<StateEntry> getEntryAsync(String key) {
        return on(store -> store.get(key));
    }

    public CompletableFuture<Void> deleteAsync(String key) {
        return on(store -> store.delete(key));
    }

    public CompletableFuture<Void> incrCounterAsync(String key, long amount) {
        return on(store -> store.increment(key, amount));
    }

    public CompletableFuture<Long> getCounterAsync(String key) {
        return on(store -> store.counter(key));
    }

    public void put(String key, ByteBuffer value) {
        await(putAsync(key, value), "putState('" + key + "')", "");
    }

    public ByteBuffer get(String key) {
        return await(getAsync(key), "getState('" + key + "')", "");
    }

    public StateEntry getEntry(String key) {
        return await(getEntryAsync(key), "getStateValue('" + key + "')", "");
    }

    public void delete(String key) {
        await(deleteAsync(key), "deleteState('" + key + "')", "");
    }

    public void incrCounter(String key, long amount) {
        await(incrCounterAsync(key, amount), "incrCounter('" + key + "', " + amount + ")",
                "; whether it was applied is unknown (it was not retried)");
    }

    public long getCounter(String key) {
        return await(getCounterAsync(key), "getCounter('" + key + "')", "");
    }

    private <T> CompletableFuture<T> on(Function<FunctionStateStore, CompletableFuture<T>> call) {
        return state.store().thenCompose(call);
    }

    private <T> T await(CompletableFuture<T> call, String what, String outcome) {
        try {
            return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StateException(what + " on the state of " + state.scope() + " did not complete within "
                    + TIMEOUT.toSeconds() + " s" + outcome, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException(what + " was interrupted" + outcome, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof StateException stateException) {
                throw stateException;
            }
            throw new StateException(what + " on the state of " + state.scope() + " failed: " + cause + outcome,
                    cause);
        }
    }

    private static byte[] bytes(ByteBuffer value) {
        if (value == null) {
            throw new StateException("putState: the value is null; give a ByteBuffer (use deleteState to remove a key)");
        }
        ByteBuffer copy = value.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
