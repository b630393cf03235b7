package dev.magnetar.runtime.state;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateBackends;
import dev.magnetar.api.state.StateException;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.api.state.StateStorageSettings;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function's state as one replica reaches it. The backend and the function's table are opened once, on the first
 * state call (about a second with BookKeeper's table service), never for a function that does not use state. Without
 * state storage every call fails with a message saying why and what to set.
 */
public final class ReplicaState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaState.class);

    private final StateStorageSettings settings;
    private final StateScope scope;
    private StateBackend backend;
    private CompletableFuture<FunctionStateStore> store;

    public ReplicaState(StateStorageSettings settings, StateScope scope) {
        this.settings = settings;
        this.scope = scope;
    }

    /** A replica without state storage (tests, tools): every state call fails naming the setting. */
    public static ReplicaState none(StateScope scope) {
        return new ReplicaState(StateStorageSettings.NONE, scope);
    }

    public StateScope scope() {
        return scope;
    }

    /** The function's table, opened on the first call; a failed open is tried again by the next call. */
    public synchronized CompletableFuture<FunctionStateStore> store() {
        if (!settings.available()) {
            return CompletableFuture.failedFuture(new StateException(settings.unavailableMessage(
                    Option.STATE_STORAGE_URL.flag() + " (" + Option.STATE_STORAGE_URL.variable() + ")")));
        }
        if (store == null || store.isCompletedExceptionally()) {
            if (backend == null) {
                try {
                    backend = StateBackends.create(settings.serviceUrl(), ReplicaState.class.getClassLoader());
                } catch (StateException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            LOG.info("Opening the state of {} in {}", scope, settings.serviceUrl());
            store = backend.open(scope);
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
