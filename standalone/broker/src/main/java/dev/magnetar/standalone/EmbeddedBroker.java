package dev.magnetar.standalone;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import org.apache.pulsar.PulsarStandalone;
import org.apache.pulsar.broker.PulsarService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Pulsar's standalone mode, configured for Magnetar: ZooKeeper metadata, one bookie and BookKeeper's table service
 * (function state) under the data directory, all three on loopback ({@link StateStorageEnsemble}), no functions
 * worker; a data directory made earlier with RocksDB metadata keeps it and runs without the table service
 * ({@link StateStorage}).
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final PulsarStandalone standalone;
    private final StateStorage state;
    private StateStorageEnsemble ensemble;

    private EmbeddedBroker(PulsarStandalone standalone, StateStorage state) {
        this.standalone = standalone;
        this.state = state;
    }

    static EmbeddedBroker start(BrokerArguments args, DataDirectory dataDir, StateStorage state) throws StartupFailure {
        Path bookieConfig = writeBookieConfig(dataDir);
        PulsarStandalone standalone = configure(args, dataDir, state, bookieConfig);
        EmbeddedBroker broker = new EmbeddedBroker(standalone, state);
        try {
            long started = System.nanoTime();
            if (state.enabled()) {
                broker.ensemble = StateStorageEnsemble.start(state, dataDir, bookieConfig);
            }
            standalone.start();
            if (broker.ensemble != null) {
                broker.ensemble.awaitTableService();
            }
            LOG.info("Broker started in {} ms: {} {}{}{}", (System.nanoTime() - started) / 1_000_000,
                    standalone.getBrokerServiceUrl(), standalone.getWebServiceUrl(),
                    args.tls() == null ? "" : ", TLS " + broker.tlsServiceUrl() + " " + broker.tlsAdminUrl(),
                    state.enabled() ? ", state storage " + state.serviceUrl() : ", no state storage");
            return broker;
        } catch (Exception e) {
            LOG.error("Broker failed to start", e);
            broker.close();
            throw explain(e, args, dataDir.root());
        }
    }

    private static Path writeBookieConfig(DataDirectory dataDir) throws StartupFailure {
        Path file = dataDir.resolve("conf/bookie.conf");
        try {
            return BrokerSettings.writeBookieConfig(file);
        } catch (IOException e) {
            throw new StartupFailure("cannot write " + file + ": " + e.getMessage()
                    + "; pass --data-dir a directory this user can write");
        }
    }

    private static PulsarStandalone configure(BrokerArguments args, DataDirectory dataDir, StateStorage state,
                                              Path bookieConfig) {
        PulsarStandalone standalone = new PulsarStandalone();
        // The metadata directory has no setter; it is one of PulsarStandalone's command-line fields.
        new CommandLine(standalone).parseArgs("--metadata-dir", dataDir.resolve("metadata").toString());
        standalone.setConfig(BrokerSettings.broker(args));
        standalone.setConfigFile(bookieConfig.toString());
        standalone.setBkDir(dataDir.resolve("bookkeeper").toString());
        standalone.setNumOfBk(1);
        // Its existence switches Pulsar to ZooKeeper mode, the only one with the table service.
        standalone.setZkDir(dataDir.resolve(StateStorage.ZOOKEEPER_DIR).toString());
        if (state.enabled()) {
            // ZooKeeper and the bookie run already (StateStorageEnsemble), on loopback: Pulsar's own ensemble would
            // listen on every interface. Pulsar only starts the broker, on that ZooKeeper (zk:localhost:port).
            standalone.setOnlyBroker(true);
            standalone.setZkPort(state.zookeeperPort());
        } else {
            standalone.setBkPort(0);
        }
        standalone.setNoStreamStorage(true);
        standalone.setNoFunctionsWorker(true);
        standalone.setWipeData(false);
        standalone.setAdvertisedAddress(BrokerSettings.advertisedAddress(args.bindAddress()));
        return standalone;
    }

    private static StartupFailure explain(Exception e, BrokerArguments args, Path dataDir) {
        String log = dataDir.resolve("logs/broker.log").toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new StartupFailure("a port is already in use (--broker-port " + args.brokerPort()
                        + ", --web-port " + args.webPort() + " or the bookie's port recorded in " + dataDir
                        + "/bookkeeper): " + t.getMessage() + "; free it or pick other ports (0 picks a free one)", e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new StartupFailure("the broker could not start: " + oneLine(root) + "; details in " + log, e);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\s+", " ");
        return t.getClass().getSimpleName() + message;
    }

    String serviceUrl() {
        return standalone.getBrokerServiceUrl();
    }

    String adminUrl() {
        return standalone.getWebServiceUrl();
    }

    /** {@code bk://127.0.0.1:port} of the table service, or null without state storage. */
    String stateStorageUrl() {
        return state.serviceUrl();
    }

    /** The {@code pulsar+ssl://} URL, with the port picked for 0; null without a TLS broker port. */
    String tlsServiceUrl() {
        return standalone.getConfig().getBrokerServicePortTls().isPresent() ? pulsarService().getBrokerServiceUrlTls()
                : null;
    }

    /** The {@code https://} URL, with the port picked for 0; null without a TLS web port. */
    String tlsAdminUrl() {
        return standalone.getConfig().getWebServicePortTls().isPresent() ? pulsarService().getWebServiceAddressTls()
                : null;
    }

    /** PulsarStandalone keeps its broker in a field it has no getter for; the TLS URLs are only known there. */
    private PulsarService pulsarService() {
        try {
            var field = PulsarStandalone.class.getDeclaredField("broker");
            field.setAccessible(true);
            return (PulsarService) field.get(standalone);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the TLS URLs of this Pulsar version's standalone broker", e);
        }
    }

    @Override
    public void close() {
        LOG.info("Stopping the broker");
        standalone.close();
        if (ensemble != null) {
            ensemble.close();
        }
        LOG.info("Broker stopped");
    }
}
