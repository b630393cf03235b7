package dev.magnetar.runtime.context;

import dev.magnetar.runtime.state.DefaultStateStoreView;
import dev.magnetar.runtime.state.StateCalls;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.StateStore;

/**
 * The state methods of {@link Context}, as Pulsar Functions have them: counters and values in the function's own
 * table, shared by all of its replicas and kept across restarts. {@code getStateStore} returns that table for the
 * function's own name (in its own tenant and namespace) and null for any other, as Pulsar does, where only the
 * function's default store is registered.
 */
abstract class StatefulContext implements Context {

    /** The replica's state calls. */
    abstract StateCalls stateCalls();

    @Override
    @SuppressWarnings("unchecked")
    public <X extends StateStore> X getStateStore(String name) {
        return getStateStore(getTenant(), getNamespace(), name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X extends StateStore> X getStateStore(String tenant, String namespace, String name) {
        boolean own = getTenant().equals(tenant) && getNamespace().equals(namespace) && getFunctionName().equals(name);
        return own ? (X) new DefaultStateStoreView(stateCalls()) : null;
    }

    @Override
    public void putState(String key, ByteBuffer value) {
        stateCalls().put(key, value);
    }

    @Override
    public CompletableFuture<Void> putStateAsync(String key, ByteBuffer value) {
        return stateCalls().putAsync(key, value);
    }

    @Override
    public ByteBuffer getState(String key) {
        return stateCalls().get(key);
    }

    @Override
    public CompletableFuture<ByteBuffer> getStateAsync(String key) {
        return stateCalls().getAsync(key);
    }

    @Override
    public void deleteState(String key) {
        stateCalls().delete(key);
    }

    @Override
    public CompletableFuture<Void> deleteStateAsync(String key) {
        return stateCalls().deleteAsync(key);
    }

    @Override
    public void incrCounter(String key, long amount) {
        stateCalls().incrCounter(key, amount);
    }

    @Override
    public CompletableFuture<Void> incrCounterAsync(String key, long amount) {
        return stateCalls().incrCounterAsync(key, amount);
    }

    @Override
    public long getCounter(String key) {
        return stateCalls().getCounter(key);
    }

    @Override
    public CompletableFuture<Long> getCounterAsync(String key) {
        return stateCalls().getCounterAsync(key);
    }
}
