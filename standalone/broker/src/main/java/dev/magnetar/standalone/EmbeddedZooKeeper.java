package dev.magnetar.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * The state storage's ZooKeeper: one server on {@code 127.0.0.1} only (Pulsar's own standalone ensemble binds every
 * interface), with no admin server, holding the bookie's and the table service's metadata and the broker's.
 */
final class EmbeddedZooKeeper implements AutoCloseable {
    private static final int MAX_CLIENT_CONNECTIONS = 1000;
    private static final int SNAPSHOTS_KEPT = 3;
    private static final int PURGE_INTERVAL_HOURS = 1;
    private static final int CLIENT_SESSION_MS = 6_000;

    private final ZooKeeperServer server;
    private final NIOServerCnxnFactory connections;
    private final DatadirCleanupManager cleanup;

    private EmbeddedZooKeeper(ZooKeeperServer server, NIOServerCnxnFactory connections,
                              DatadirCleanupManager cleanup) {
        this.server = server;
        this.connections = connections;
        this.cleanup = cleanup;
    }

    static EmbeddedZooKeeper start(Path dataDir, int port) throws IOException, InterruptedException {
        // Its HTTP admin server (port 8080 on every interface) is only started by ZooKeeper's own main class; this
        // makes sure no code path brings it up.
        System.setProperty("zookeeper.admin.enableServer", "false");
        ZooKeeperServer server = new ZooKeeperServer(dataDir.toFile(), dataDir.toFile(),
                ZooKeeperServer.DEFAULT_TICK_TIME);
        NIOServerCnxnFactory connections = new NIOServerCnxnFactory();
        try {
            connections.configure(new InetSocketAddress(StateStorage.LOOPBACK, port), MAX_CLIENT_CONNECTIONS);
            connections.startup(server);
        } catch (IOException | InterruptedException | RuntimeException e) {
            connections.shutdown();
            server.shutdown();
            throw e;
        }
        DatadirCleanupManager cleanup = new DatadirCleanupManager(dataDir.toFile(), dataDir.toFile(), SNAPSHOTS_KEPT,
                PURGE_INTERVAL_HOURS);
        cleanup.start();
        return new EmbeddedZooKeeper(server, connections, cleanup);
    }

    String connectString() {
        return StateStorage.LOOPBACK + ":" + connections.getLocalPort();
    }

    /**
     * Creates the nodes the bookie expects to find, and drops the bookie registrations a killed broker left behind so
     * the new bookie need not wait for their session to expire.
     */
    void prepareForBookie(String... staleRegistrations) throws IOException, InterruptedException {
        try (ZooKeeper client = connect()) {
            createIfAbsent(client, "/ledgers", "");
            createIfAbsent(client, "/ledgers/available", "");
            createIfAbsent(client, "/ledgers/available/readonly", "");
            // Pulsar's rack-aware bookie placement reads this node.
            createIfAbsent(client, "/bookies", "{}");
            for (String registration : staleRegistrations) {
                deleteIfPresent(client, "/ledgers/available/" + registration);
            }
        } catch (KeeperException e) {
            throw new IOException("cannot prepare ZooKeeper for the bookie: " + e.getMessage(), e);
        }
    }

    private ZooKeeper connect() throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(connectString(), CLIENT_SESSION_MS, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(CLIENT_SESSION_MS, TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IOException("ZooKeeper at " + connectString() + " did not accept a client within "
                    + CLIENT_SESSION_MS + " ms");
        }
        return client;
    }

    private static void createIfAbsent(ZooKeeper client, String path, String data)
            throws KeeperException, InterruptedException {
        try {
            client.create(path, data.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // Made by an earlier start.
        }
    }

    private static void deleteIfPresent(ZooKeeper client, String path) throws KeeperException, InterruptedException {
        try {
            client.delete(path, -1);
        } catch (KeeperException.NoNodeException e) {
            // The common case: the previous broker stopped cleanly, or its session has expired.
        }
    }

    @Override
    public void close() {
        cleanup.shutdown();
        connections.shutdown();
        server.shutdown();
    }
}
