package dev.magnetar.state.bookkeeper;

import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateException;
import dev.magnetar.api.state.StateScope;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.bookkeeper.api.StorageClient;
import org.apache.bookkeeper.api.kv.Table;
import org.apache.bookkeeper.clients.StorageClientBuilder;
import org.apache.bookkeeper.clients.admin.StorageAdminClient;
import org.apache.bookkeeper.clients.config.StorageClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Function state in BookKeeper's table service. The admin client and one storage client per namespace are built on
 * first use (building them and opening a table takes about a second), then every table is opened once and kept.
 */
final class BookKeeperStateBackend implements StateBackend {
    private static final Logger LOG = LoggerFactory.getLogger(BookKeeperStateBackend.class);
    private static final long OPEN_RETRY_PAUSE_MS = 200;

    /** How long opening a table may take: the service may be starting, or unreachable (its client retries forever). */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

    private final String serviceUrl;
    private final Duration openTimeout;
    private final Map<String, StorageClient> clients = new ConcurrentHashMap<>();
    private final Map<StateScope, CompletableFuture<FunctionStateStore>> tables = new ConcurrentHashMap<>();
    private StorageAdminClient admin;
    private volatile boolean closed;

    BookKeeperStateBackend(String serviceUrl) {
        this(serviceUrl, OPEN_TIMEOUT);
    }

    BookKeeperStateBackend(String serviceUrl, Duration openTimeout) {
        this.serviceUrl = serviceUrl;
        this.openTimeout = openTimeout;
    }

    @Override
    public CompletableFuture<FunctionStateStore> open(StateScope scope) {
        if (closed) {
            return CompletableFuture.failedFuture(new StateException("state storage " + serviceUrl + " is closed"));
        }
        CompletableFuture<FunctionStateStore> table = tables.computeIfAbsent(scope, this::openTable);
        // A failed open is not kept: the next call tries again (the table service may have been starting).
        table.whenComplete((ok, failure) -> {
            if (failure != null) {
                tables.remove(scope, table);
            }
        });
        return table;
    }

    private CompletableFuture<FunctionStateStore> openTable(StateScope scope) {
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            try {
                long deadline = started + openTimeout.toNanos();
                TableCreation.ensure(admin(), scope, openTimeout);
                var table = openCreated(scope, deadline);
                LOG.info("Opened the state table of {} in {} ({} ms)", scope, serviceUrl,
                        (System.nanoTime() - started) / 1_000_000);
                return (FunctionStateStore) new BookKeeperTable(scope, table);
            } catch (TimeoutException e) {
                throw new StateException("cannot open the state of function " + scope + ": the state storage at "
                        + serviceUrl + " did not answer within " + openTimeout.toSeconds() + " s; check that"
                        + " BookKeeper's table service runs there", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateException("interrupted while opening the state of function " + scope, e);
            } catch (Exception e) {
                throw new StateException("cannot open the state of function " + scope + " in " + serviceUrl + ": "
                        + BookKeeperTable.reason(e) + "; check that BookKeeper's table service runs there", e);
            }
        });
    }

    /**
     * Opens a table that exists. Its ranges are served a moment after it is made, and until then (two replicas
     * opening a new function's table at once meet this) the table service answers errors: tried again until
     * {@code deadline}, when the last failure is thrown.
     */
    private Table<ByteBuf, ByteBuf> openCreated(
            StateScope scope, long deadline) throws Exception {
        while (true) {
            try {
                return client(scope.storageNamespace()).openTable(scope.table())
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                LOG.debug("The state table of {} is not served yet ({}); trying again", scope,
                        BookKeeperTable.reason(e));
                Thread.sleep(OPEN_RETRY_PAUSE_MS);
            }
        }
    }

    private synchronized StorageAdminClient admin() {
        if (admin == null) {
            admin = StorageClientBuilder.newBuilder().withSettings(settings("magnetar-state-admin")).buildAdmin();
        }
        return admin;
    }

    private StorageClient client(String namespace) {
        return clients.computeIfAbsent(namespace, ns -> StorageClientBuilder.newBuilder()
                .withSettings(settings("magnetar-state")).withNamespace(ns).build());
    }

    private StorageClientSettings settings(String name) {
        try {
            return StorageClientSettings.newBuilder().serviceUri(serviceUrl).clientName(name)
                    .endpointResolver(LocalTableService.endpointResolver(serviceUrl)).build();
        } catch (RuntimeException e) {
            throw new StateException("state storage URL '" + serviceUrl + "' is not usable: " + e.getMessage()
                    + "; give bk://host:port of BookKeeper's table service", e);
        }
    }

    /** Closes every table and client; one that does not close in time is logged and left behind. */
    @Override
    public synchronized void close() {
        closed = true;
        tables.values().forEach(table -> table.thenAccept(store -> quietly("table " + store.scope(),
                ((BookKeeperTable) store)::close)));
        tables.clear();
        clients.forEach((namespace, client) -> quietly("client of namespace " + namespace, client::close));
        clients.clear();
        if (admin != null) {
            quietly("admin client", admin::close);
            admin = null;
        }
    }

    private void quietly(String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.warn("Closing the state storage {} of {} failed: {}", what, serviceUrl, e.toString());
        }
    }
}
