package dev.magnetar.runtime.state;

import dev.magnetar.api.state.StateEntry;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.functions.api.StateStoreContext;
import org.apache.pulsar.functions.api.state.ByteBufferStateStore;
import org.apache.pulsar.functions.api.state.CounterStateStore;
import org.apache.pulsar.functions.api.state.StateValue;

/**
 * What {@code context.getStateStore(functionName)} returns: the function's own store with the verbs of Pulsar's
 * {@code DefaultStateStore} (both of its API interfaces). It is the replica's; closing it does nothing.
 */
public final class DefaultStateStoreView implements ByteBufferStateStore, CounterStateStore {
    private final StateCalls calls;

    public DefaultStateStoreView(StateCalls calls) {
        this.calls = calls;
    }

    @Override
    public String tenant() {
        return calls.state().scope().tenant();
    }

    @Override
    public String namespace() {
        return calls.state().scope().namespace();
    }

    @Override
    public String name() {
        return calls.state().scope().function();
    }

    @Override
    public String fqsn() {
        return tenant() + "/" + namespace() + "/" + name();
    }

    @Override
    public void init(StateStoreContext context) {
        // Opened by the replica, on first use.
    }

    @Override
    public void close() {
        // The replica closes its state when it stops.
    }

    @Override
    public void put(String key, ByteBuffer value) {
        calls.put(key, value);
    }

    @Override
    public CompletableFuture<Void> putAsync(String key, ByteBuffer value) {
        return calls.putAsync(key, value);
    }

    @Override
    public void delete(String key) {
        calls.delete(key);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String key) {
        return calls.deleteAsync(key);
    }

    @Override
    public ByteBuffer get(String key) {
        return calls.get(key);
    }

    @Override
    public CompletableFuture<ByteBuffer> getAsync(String key) {
        return calls.getAsync(key);
    }

    @Override
    public StateValue getStateValue(String key) {
        return value(calls.getEntry(key));
    }

    @Override
    public CompletableFuture<StateValue> getStateValueAsync(String key) {
        return calls.getEntryAsync(key).thenApply(DefaultStateStoreView::value);
    }

    @Override
    public void incrCounter(String key, long amount) {
        calls.incrCounter(key, amount);
    }

    @Override
    public CompletableFuture<Void> incrCounterAsync(String key, long amount) {
        return calls.incrCounterAsync(key, amount);
    }

    @Override
    public long getCounter(String key) {
        return calls.getCounter(key);
    }

    @Override
    public CompletableFuture<Long> getCounterAsync(String key) {
        return calls.getCounterAsync(key);
    }

    private static StateValue value(StateEntry entry) {
        return entry == null ? null : new StateValue(entry.value(), entry.version(), entry.counter());
    }
}
