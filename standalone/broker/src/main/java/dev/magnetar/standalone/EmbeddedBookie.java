package dev.magnetar.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.bookkeeper.common.allocator.PoolingPolicy;
import org.apache.bookkeeper.common.component.LifecycleComponentStack;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.bookkeeper.server.Main;
import org.apache.bookkeeper.server.conf.BookieConfiguration;

/**
 * The one bookie of the state storage's ZooKeeper cluster, listening on loopback (its configuration file sets the
 * loopback interface and address). Its identity and directory are the ones Pulsar's standalone ensemble gave the
 * first bookie, so data directories made by that ensemble keep working: the bookie's cookie records both.
 */
final class EmbeddedBookie implements AutoCloseable {
    /** The bookie id Pulsar's standalone ensemble gives its first bookie; recorded in the cookie. */
    static final String BOOKIE_ID = "bk0test";
    /** Pulsar's standalone ensemble numbers its bookies' directories after the configured one. */
    static final String DIRECTORY = "bookkeeper0";

    private final LifecycleComponentStack server;

    private EmbeddedBookie(LifecycleComponentStack server) {
        this.server = server;
    }

    /** The ZooKeeper registrations a killed bookie of this data directory may have left. */
    static String[] registrations(ServerConfiguration base, int port) {
        return new String[] {base.getAdvertisedAddress() + ":" + port, BOOKIE_ID};
    }

    static EmbeddedBookie start(ServerConfiguration base, Path dataDir, int port, String zooKeeper) throws Exception {
        Path directory = Files.createDirectories(dataDir.resolve(DIRECTORY));
        ServerConfiguration conf = new ServerConfiguration(base);
        conf.setBookiePort(port);
        conf.setBookieId(BOOKIE_ID);
        conf.setMetadataServiceUri("zk://" + zooKeeper + "/ledgers");
        conf.setJournalDirName(directory.toString());
        conf.setLedgerDirNames(new String[] {directory.toString()});
        conf.setAllocatorPoolingPolicy(PoolingPolicy.UnpooledHeap);
        LifecycleComponentStack server = Main.buildBookieServer(new BookieConfiguration(conf));
        server.start();
        return new EmbeddedBookie(server);
    }

    @Override
    public void close() {
        server.close();
    }
}
