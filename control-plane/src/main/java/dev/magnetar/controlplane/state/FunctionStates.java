package dev.magnetar.controlplane.state;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateEntry;
import dev.magnetar.api.state.StateException;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.api.state.StateStorageSettings;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Functions' state as the admin API reads and writes it ({@code querystate}, {@code putstate}): the same tables the
 * replicas use. The backend is loaded on the first state request, not at start.
 */
@Singleton
public class FunctionStates implements AutoCloseable {
    /** Where the state backend's jar is, when not in the installation (a container image lays it out itself). */
    public static final String BACKEND_JAR_PROPERTY = "magnetar.state.backend-jar";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final StateStorageSettings settings;
    private final Path backendJar;
    private StateBackend backend;

    public FunctionStates(@Nullable @Property(name = StateStorageSettings.URL_PROPERTY) String serviceUrl,
                          @Nullable @Property(name = StateStorageSettings.UNAVAILABLE_PROPERTY) String unavailable,
                          @Nullable @Property(name = BACKEND_JAR_PROPERTY) Path backendJar) {
        this.settings = new StateStorageSettings(serviceUrl, unavailable);
        this.backendJar = backendJar;
    }

    /** The value of {@code key}, or null when it has none. */
    public StateEntry get(StateScope scope, String key) {
        return await(store(scope).thenCompose(store -> store.get(key)), "reading key '" + key + "' of " + scope);
    }

    public void put(StateScope scope, String key, byte[] value) {
        await(store(scope).thenCompose(store -> store.put(key, value)), "writing key '" + key + "' of " + scope);
    }

    private synchronized CompletableFuture<FunctionStateStore> store(StateScope scope) {
        if (!settings.available()) {
            throw new StateUnavailableException(settings.unavailableMessage(StateStorageSettings.URL_PROPERTY
                    + " (env MAGNETAR_STATE_STORAGE_URL; chart value stateStorageServiceUrl)"));
        }
        if (backend == null) {
            Path jar;
            try {
                jar = backendJar != null ? backendJar : Installation.current().stateBackendJar();
            } catch (IllegalStateException e) {
                throw new StateUnavailableException("the state backend is not installed: " + e.getMessage()
                        + " (or set " + BACKEND_JAR_PROPERTY + " to its jar)");
            }
            backend = IsolatedStateBackend.open(settings.serviceUrl(), jar);
        }
        return backend.open(scope);
    }

    private static <T> T await(CompletableFuture<T> call, String what) {
        try {
            return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StateUnavailableException(what + " did not complete within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause.getCause() != null && !(cause instanceof StateException)) {
                cause = cause.getCause();
            }
            throw cause instanceof StateException state ? state : new StateException(what + " failed: " + cause, cause);
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
