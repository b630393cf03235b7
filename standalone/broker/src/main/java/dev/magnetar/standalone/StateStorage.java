package dev.magnetar.standalone;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Function state: BookKeeper's table service (Pulsar's "stream storage"), the store Pulsar Functions use. It runs only
 * with ZooKeeper metadata, so a new data directory starts in ZooKeeper mode with it. A data directory created earlier
 * with the RocksDB metadata store cannot be switched: it starts as it was, without state storage ({@link #enabled()}
 * false), and the reason is logged and reaches the replicas.
 *
 * <p>ZooKeeper, the bookie and the table service listen on loopback ports picked free on the first start and recorded
 * in {@value #PORTS_FILE}: the bookie's port is in its cookie and the table service's endpoint in ZooKeeper, so every
 * later start of the same data directory must use the same ones.
 *
 * @param zookeeperPort     ZooKeeper's port, or 0 without state storage
 * @param bookiePort        the bookie's port, or 0 without state storage (then the bookie picks its own)
 * @param streamStoragePort the table service's port ({@code bk://127.0.0.1:port}), or 0 without state storage
 */
record StateStorage(int zookeeperPort, int bookiePort, int streamStoragePort) {
    /** Where ZooKeeper, the bookie and the table service listen: only the broker and this machine's replicas use them. */
    static final String LOOPBACK = "127.0.0.1";
    static final String ZOOKEEPER_DIR = "zookeeper";
    static final String METADATA_DIR = "metadata";
    static final String PORTS_FILE = "conf/state-storage-ports.properties";
    static final StateStorage DISABLED = new StateStorage(0, 0, 0);

    /** Reads or picks the ports of {@code dataDir}, or {@link #DISABLED} for a RocksDB data directory. */
    static StateStorage prepare(Path dataDir) throws StartupFailure {
        if (isRocksDbDataDir(dataDir)) {
            return DISABLED;
        }
        Path file = dataDir.resolve(PORTS_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return read(file);
            }
            int[] ports = LocalPorts.pick(3);
            StateStorage picked = new StateStorage(ports[0], ports[1], ports[2]);
            picked.write(file);
            Files.createDirectories(dataDir.resolve(ZOOKEEPER_DIR));
            return picked;
        } catch (IOException e) {
            throw new StartupFailure("cannot read or write " + file + ": " + e.getMessage()
                    + "; pass --data-dir a directory this user can write");
        }
    }

    /** Metadata in RocksDB from an earlier start, and no ZooKeeper data: made before state storage existed here. */
    static boolean isRocksDbDataDir(Path dataDir) {
        return Files.isDirectory(dataDir.resolve(METADATA_DIR)) && !Files.isDirectory(dataDir.resolve(ZOOKEEPER_DIR));
    }

    boolean enabled() {
        return streamStoragePort != 0;
    }

    /** The URL state clients use, or null without state storage. */
    String serviceUrl() {
        return enabled() ? "bk://" + LOOPBACK + ":" + streamStoragePort : null;
    }

    /** The one-line warning a RocksDB data directory gets at each start. */
    static String disabledWarning(Path dataDir) {
        return "State storage is off: data directory " + dataDir + " was created with the RocksDB metadata store,"
                + " which BookKeeper's table service cannot use; functions that call the state API (incrCounter,"
                + " putState, ...) fail. To use function state, start with a new --data-dir";
    }

    /** Fails naming the port when one recorded for this data directory is taken by another process. */
    void checkFree() throws StartupFailure {
        if (!enabled()) {
            return;
        }
        check("ZooKeeper", zookeeperPort);
        check("bookie", bookiePort);
        check("state storage (table service)", streamStoragePort);
    }

    private static void check(String what, int port) throws StartupFailure {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StartupFailure("the " + what + " port " + port + " recorded in " + PORTS_FILE + " of the data"
                    + " directory is already in use; this data directory's " + what + " must listen there again: stop"
                    + " the process that holds port " + port + ", or start with a new --data-dir");
        }
    }

    private static StateStorage read(Path file) throws IOException {
        Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            ports.load(in);
        }
        try {
            return new StateStorage(Integer.parseInt(ports.getProperty("zookeeperPort")),
                    Integer.parseInt(ports.getProperty("bookiePort")),
                    Integer.parseInt(ports.getProperty("streamStoragePort")));
        } catch (NumberFormatException e) {
            throw new IOException("a port is missing or not a number (" + e.getMessage() + ")", e);
        }
    }

    private void write(Path file) throws IOException {
        Properties ports = new Properties();
        ports.setProperty("zookeeperPort", Integer.toString(zookeeperPort));
        ports.setProperty("bookiePort", Integer.toString(bookiePort));
        ports.setProperty("streamStoragePort", Integer.toString(streamStoragePort));
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            ports.store(out, "Ports of this data directory's ZooKeeper, bookie and table service; they must not change");
        }
    }
}
