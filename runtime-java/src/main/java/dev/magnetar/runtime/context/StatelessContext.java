package dev.magnetar.runtime.context;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.StateStore;

/**
 * The parts of {@link Context} this runtime does not offer yet. Each throws an
 * {@link UnsupportedOperationException} that names the method, so a function fails with a
 * message that says what to change rather than with a null.
 */
abstract class StatelessContext implements Context {

    static UnsupportedOperationException noState(String method) {
        return new UnsupportedOperationException("Context." + method + " is not supported: state storage is not"
                + " available in Magnetar yet; keep state in an external store");
    }

    static UnsupportedOperationException unsupported(String method, String instead) {
        return new UnsupportedOperationException("Context." + method + " is not supported by the Magnetar runtime yet: "
                + instead);
    }

    @Override
    public <X extends StateStore> X getStateStore(String name) {
        throw noState("getStateStore");
    }

    @Override
    public <X extends StateStore> X getStateStore(String tenant, String namespace, String name) {
        throw noState("getStateStore");
    }

    @Override
    public void putState(String key, ByteBuffer value) {
        throw noState("putState");
    }

    @Override
    public CompletableFuture<Void> putStateAsync(String key, ByteBuffer value) {
        throw noState("putStateAsync");
    }

    @Override
    public ByteBuffer getState(String key) {
        throw noState("getState");
    }

    @Override
    public CompletableFuture<ByteBuffer> getStateAsync(String key) {
        throw noState("getStateAsync");
    }

    @Override
    public void deleteState(String key) {
        throw noState("deleteState");
    }

    @Override
    public CompletableFuture<Void> deleteStateAsync(String key) {
        throw noState("deleteStateAsync");
    }

    @Override
    public void incrCounter(String key, long amount) {
        throw noState("incrCounter");
    }

    @Override
    public CompletableFuture<Void> incrCounterAsync(String key, long amount) {
        throw noState("incrCounterAsync");
    }

    @Override
    public long getCounter(String key) {
        throw noState("getCounter");
    }

    @Override
    public CompletableFuture<Long> getCounterAsync(String key) {
        throw noState("getCounterAsync");
    }

}
