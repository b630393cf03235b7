package dev.magnetar.api.state;

import java.util.concurrent.CompletableFuture;

/**
 * Where function state lives: the one interface a storage system implements to keep Pulsar-style function state
 * (BookKeeper's table service, as Pulsar Functions use it, is the one Magnetar ships). Implementations are found with
 * {@link StateBackends}. One backend is opened per process and shared; it is thread-safe.
 */
public interface StateBackend extends AutoCloseable {

    /** The table of {@code scope}, created on first use. */
    CompletableFuture<FunctionStateStore> open(StateScope scope);

    @Override
    void close();
}
