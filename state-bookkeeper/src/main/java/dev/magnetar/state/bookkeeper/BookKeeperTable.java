package dev.magnetar.state.bookkeeper;

import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateEntry;
import dev.magnetar.api.state.StateException;
import dev.magnetar.api.state.StateScope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.bookkeeper.api.kv.Table;

/** One function's table in BookKeeper's table service. Netty buffers stay inside: callers see bytes. */
final class BookKeeperTable implements FunctionStateStore {
    private final StateScope scope;
    private final Table<ByteBuf, ByteBuf> table;

    BookKeeperTable(StateScope scope, Table<ByteBuf, ByteBuf> table) {
        this.scope = scope;
        this.table = table;
    }

    @Override
    public StateScope scope() {
        return scope;
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] value) {
        return failWith(table.put(key(key), Unpooled.wrappedBuffer(value)), "putState", key);
    }

    @Override
    public CompletableFuture<StateEntry> get(String key) {
        return failWith(table.getKv(key(key)).thenApply(kv -> {
            if (kv == null) {
                return null;
            }
            try {
                byte[] value = kv.isNumber() ? java.nio.ByteBuffer.allocate(Long.BYTES).putLong(kv.numberValue()).array()
                        : ByteBufUtil.getBytes(kv.value());
                return new StateEntry(value, kv.isNumber(), kv.version());
            } finally {
                kv.close();
            }
        }), "getState", key);
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return failWith(table.delete(key(key)).thenAccept(previous -> {
            if (previous != null) {
                previous.release();
            }
        }), "deleteState", key);
    }

    /** Never retried: a failed or timed-out increment may have been applied. */
    @Override
    public CompletableFuture<Void> increment(String key, long amount) {
        return table.increment(key(key), amount).exceptionally(failure -> {
            throw new StateException("incrCounter('" + key + "', " + amount + ") on the state of " + scope
                    + " failed: " + reason(failure) + "; whether it was applied is unknown (it was not retried)",
                    failure);
        });
    }

    @Override
    public CompletableFuture<Long> counter(String key) {
        return failWith(table.getNumber(key(key)).thenApply(number -> number == null ? 0L : number), "getCounter",
                key);
    }

    void close() {
        table.close();
    }

    private <T> CompletableFuture<T> failWith(CompletableFuture<T> operation, String method, String key) {
        return operation.exceptionally(failure -> {
            throw new StateException(method + "('" + key + "') on the state of " + scope + " failed: "
                    + reason(failure), failure);
        });
    }

    private static ByteBuf key(String key) {
        if (key == null) {
            throw new StateException("a state key must not be null");
        }
        return Unpooled.wrappedBuffer(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The innermost message, without the wrappers futures add. */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
