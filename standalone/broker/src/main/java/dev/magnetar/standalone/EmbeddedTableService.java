package dev.magnetar.standalone;

import java.net.URI;
import java.nio.file.Path;
import org.apache.bookkeeper.clients.StorageClientBuilder;
import org.apache.bookkeeper.clients.admin.StorageAdminClient;
import org.apache.bookkeeper.clients.config.StorageClientSettings;
import org.apache.bookkeeper.clients.exceptions.NamespaceExistsException;
import org.apache.bookkeeper.clients.exceptions.NamespaceNotFoundException;
import org.apache.bookkeeper.common.concurrent.FutureUtils;
import org.apache.bookkeeper.common.util.Backoff;
import org.apache.bookkeeper.conf.ServerConfiguration;
import org.apache.bookkeeper.server.conf.BookieConfiguration;
import org.apache.bookkeeper.stats.NullStatsLogger;
import org.apache.bookkeeper.stream.proto.NamespaceConfiguration;
import org.apache.bookkeeper.stream.protocol.ProtocolConstants;
import org.apache.bookkeeper.stream.server.StreamStorageLifecycleComponent;
import org.apache.bookkeeper.stream.storage.impl.cluster.ZkClusterInitializer;
import org.apache.commons.configuration2.CompositeConfiguration;

/**
 * BookKeeper's table service (function state), on loopback: its gRPC server is bound by
 * {@link LoopbackGrpcServerProvider}. It is ready once it answers for its {@code default} namespace, which Pulsar's
 * standalone ensemble created and this keeps creating.
 */
final class EmbeddedTableService implements AutoCloseable {
    private static final int STORAGE_CONTAINERS = 2;
    private static final String DEFAULT_NAMESPACE = "default";
    /** Up to about four minutes of tries while the storage containers are assigned. */
    private static final Backoff.Policy READY_BACKOFF = Backoff.Jitter.of(Backoff.Jitter.Type.EXPONENTIAL, 100, 10_000,
            30);

    private final StreamStorageLifecycleComponent component;

    private EmbeddedTableService(StreamStorageLifecycleComponent component) {
        this.component = component;
    }

    /**
     * @param rangesDir  where the tables' local RocksDB copies live ({@code bookkeeper/ranges/data} of a data directory
     *                   made by Pulsar's ensemble)
     */
    static EmbeddedTableService start(Path rangesDir, int port, String zooKeeper) throws Exception {
        String metadataServiceUri = "zk://" + zooKeeper + "/ledgers";
        CompositeConfiguration settings = new CompositeConfiguration();
        settings.setProperty("metadataServiceUri", metadataServiceUri);
        // One bookie: every log of the tables is written once.
        settings.setProperty("dlog.bkcEnsembleSize", 1);
        settings.setProperty("dlog.bkcWriteQuorumSize", 1);
        settings.setProperty("dlog.bkcAckQuorumSize", 1);
        settings.setProperty("storageserver.grpc.port", port);
        settings.setProperty("storage.range.store.dirs", rangesDir.toString());
        new ZkClusterInitializer(zooKeeper).initializeCluster(URI.create(metadataServiceUri), STORAGE_CONTAINERS);
        ServerConfiguration conf = new ServerConfiguration();
        conf.loadConf(settings);
        StreamStorageLifecycleComponent component = new StreamStorageLifecycleComponent(new BookieConfiguration(conf),
                NullStatsLogger.INSTANCE);
        EmbeddedTableService service = new EmbeddedTableService(component);
        try {
            component.start();
            service.awaitDefaultNamespace(port);
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    private void awaitDefaultNamespace(int port) throws Exception {
        StorageClientSettings client = StorageClientSettings.newBuilder()
                .serviceUri("bk://" + StateStorage.LOOPBACK + ":" + port)
                .backoffPolicy(READY_BACKOFF)
                // Registered under the host address, which may not be loopback (LoopbackGrpcServerProvider).
                .endpointResolver(endpoint -> endpoint.toBuilder().setHostname(StateStorage.LOOPBACK).build())
                .build();
        try (StorageAdminClient admin = StorageClientBuilder.newBuilder().withSettings(client).buildAdmin()) {
            try {
                FutureUtils.result(admin.getNamespace(DEFAULT_NAMESPACE));
            } catch (NamespaceNotFoundException e) {
                try {
                    FutureUtils.result(admin.createNamespace(DEFAULT_NAMESPACE, NamespaceConfiguration.newBuilder()
                            .setDefaultStreamConf(ProtocolConstants.DEFAULT_STREAM_CONF).build()));
                } catch (NamespaceExistsException raced) {
                    // Created meanwhile: ready all the same.
                }
            }
        }
    }

    @Override
    public void close() {
        component.close();
    }
}
