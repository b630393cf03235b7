package dev.magnetar.standalone;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZooKeeper, the bookie and the table service of a data directory in ZooKeeper mode, stopped after the broker. Pulsar's
 * standalone ensemble would start the same three on every interface; these listen on {@value StateStorage#LOOPBACK}
 * only, on the ports recorded in the data directory, and keep its layout.
 *
 * <p>The broker needs ZooKeeper and the bookie only: the table service, which takes seconds until its storage
 * containers answer, starts meanwhile on a thread of its own ({@link #awaitTableService}).
 */
final class StateStorageEnsemble implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStorageEnsemble.class);

    private EmbeddedZooKeeper zooKeeper;
    private EmbeddedBookie bookie;
    private CompletableFuture<EmbeddedTableService> tableService = CompletableFuture.completedFuture(null);

    private StateStorageEnsemble() {
    }

    /** Starts ZooKeeper and the bookie, and begins starting the table service; on failure stops what started. */
    static StateStorageEnsemble start(StateStorage ports, DataDirectory dataDir, Path bookieConfig) throws Exception {
        StateStorageEnsemble ensemble = new StateStorageEnsemble();
        try {
            ensemble.startAll(ports, dataDir, bookieConfig);
            return ensemble;
        } catch (Exception | Error e) {
            ensemble.close();
            throw e;
        }
    }

    private void startAll(StateStorage ports, DataDirectory dataDir, Path bookieConfig) throws Exception {
        long started = System.nanoTime();
        zooKeeper = EmbeddedZooKeeper.start(dataDir.resolve(StateStorage.ZOOKEEPER_DIR), ports.zookeeperPort());
        ServerConfiguration bookieBase = new ServerConfiguration();
        bookieBase.loadConf(bookieConfig.toUri().toURL());
        zooKeeper.prepareForBookie(EmbeddedBookie.registrations(bookieBase, ports.bookiePort()));
        bookie = EmbeddedBookie.start(bookieBase, dataDir.root(), ports.bookiePort(), zooKeeper.connectString());
        LOG.info("ZooKeeper ({}) and bookie ({}) started on {} in {} ms", ports.zookeeperPort(), ports.bookiePort(),
                StateStorage.LOOPBACK, (System.nanoTime() - started) / 1_000_000);
        tableService = new CompletableFuture<>();
        Thread starter = new Thread(() -> startTableService(ports, dataDir), "magnetar-table-service-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startTableService(StateStorage ports, DataDirectory dataDir) {
        long started = System.nanoTime();
        try {
            tableService.complete(EmbeddedTableService.start(dataDir.resolve("bookkeeper/ranges/data"),
                    ports.streamStoragePort(), zooKeeper.connectString()));
            LOG.info("Table service ({}) started on {} in {} ms", ports.streamStoragePort(), StateStorage.LOOPBACK,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception | Error e) {
            tableService.completeExceptionally(e);
        }
    }

    /** Returns once the table service answers, or throws why it could not start. */
    void awaitTableService() throws Exception {
        try {
            tableService.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A table service still starting is closed once it has started (or fails on its own without the bookie). */
    @Override
    public void close() {
        tableService.thenAccept(service -> closeQuietly("table service", service));
        closeQuietly("bookie", bookie);
        closeQuietly("ZooKeeper", zooKeeper);
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception | Error e) {
            LOG.warn("The {} did not stop cleanly", what, e);
        }
    }
}
