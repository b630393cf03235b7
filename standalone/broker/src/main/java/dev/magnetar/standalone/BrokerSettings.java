package dev.magnetar.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import org.apache.pulsar.broker.ServiceConfiguration;

/**
 * The broker and bookie settings of a single-node Pulsar for one machine: one bookie, so every
 * quorum is 1; no functions worker (Magnetar is the function platform); dispatch without the
 * default 10 ms new-entry delay, because request/reply latency is what users see; packages management
 * on, keeping packages in the data directory.
 */
final class BrokerSettings {
    static final String CLUSTER = "standalone";
    /** Where packages management keeps {@code function://} (and other) packages, inside the data directory. */
    static final String PACKAGES_DIR = "packages";
    /**
     * Pulsar's file system provider: its BookKeeper provider is not published for Pulsar 4.2 and is not part of
     * pulsar-broker, which brings this one.
     */
    static final String PACKAGES_STORAGE_PROVIDER =
            "org.apache.pulsar.packages.management.storage.filesystem.FileSystemPackagesStorageProvider";
    /** The file system provider's one setting, read from the broker's configuration properties. */
    static final String PACKAGES_STORAGE_PATH = "STORAGE_PATH";

    private BrokerSettings() {
    }

    static ServiceConfiguration broker(BrokerArguments args) {
        ServiceConfiguration config = new ServiceConfiguration();
        config.setClusterName(CLUSTER);
        config.setBindAddress(args.bindAddress());
        config.setAdvertisedAddress(advertisedAddress(args.bindAddress()));
        config.setBrokerServicePort(Optional.of(args.brokerPort()));
        config.setWebServicePort(Optional.of(args.webPort()));
        config.setManagedLedgerDefaultEnsembleSize(1);
        config.setManagedLedgerDefaultWriteQuorum(1);
        config.setManagedLedgerDefaultAckQuorum(1);
        config.setManagedLedgerNewEntriesCheckDelayInMillis(0);
        // The autoscaler reads every function's backlog from the broker's topic dump, which is only as fresh as this.
        config.setStatsUpdateFrequencyInSecs(1);
        config.setStatsUpdateInitialDelayInSecs(1);
        // Off by default like Pulsar, and enable-able per namespace or topic (EFFECTIVELY_ONCE needs it).
        config.setBrokerDeduplicationEnabled(false);
        config.setTopicLevelPoliciesEnabled(true);
        config.setAllowAutoTopicCreation(true);
        config.setFunctionsWorkerEnabled(false);
        config.setWebSocketServiceEnabled(false);
        config.setTransactionCoordinatorEnabled(false);
        config.setLoadBalancerEnabled(false);
        config.setBrokerShutdownTimeoutMs(10_000);
        config.setRunningStandalone(true);
        packagesManagement(config, args.dataDir().resolve(PACKAGES_DIR));
        if (args.tls() != null) {
            tls(config, args.tls());
        }
        return config;
    }

    /**
     * Pulsar's packages management ({@code pulsar-admin packages upload function://...}), as Pulsar's own standalone
     * has it: packages are files under {@code dir}, so they survive restarts with the rest of the data directory.
     */
    static void packagesManagement(ServiceConfiguration config, Path dir) {
        config.setEnablePackagesManagement(true);
        config.setPackagesManagementStorageProvider(PACKAGES_STORAGE_PROVIDER);
        config.getProperties().setProperty(PACKAGES_STORAGE_PATH, dir.toAbsolutePath().toString());
    }

    /**
     * TLS ports beside the plain ones, from a key store. Pulsar's key store mode checks client certificates against a
     * trust store and cannot do without one: the pair's own certificate is the one it trusts. Clients are not required
     * to present a certificate.
     */
    static void tls(ServiceConfiguration config, BrokerTls tls) {
        config.setBrokerServicePortTls(Optional.ofNullable(tls.brokerPort()));
        config.setWebServicePortTls(Optional.ofNullable(tls.webPort()));
        config.setTlsEnabledWithKeyStore(true);
        config.setTlsKeyStoreType(tls.keyStoreType());
        config.setTlsKeyStore(tls.keyStore().toString());
        config.setTlsKeyStorePassword(tls.keyStorePassword());
        config.setTlsTrustStoreType(tls.keyStoreType());
        config.setTlsTrustStore(tls.keyStore().toString());
        config.setTlsTrustStorePassword(tls.keyStorePassword());
        config.setTlsRequireTrustedClientCertOnConnect(false);
    }

    /** A wildcard bind address cannot be advertised; clients on this machine reach loopback. */
    static String advertisedAddress(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isAnyLocalAddress() ? "127.0.0.1" : bindAddress;
        } catch (IOException e) {
            return bindAddress;
        }
    }

    /**
     * Writes the bookie's configuration file. Only the embedded broker talks to the bookie, so it
     * listens on loopback (which BookKeeper refuses unless allowLoopback is set).
     */
    static Path writeBookieConfig(Path file) throws IOException {
        Properties bookie = new Properties();
        bookie.setProperty("allowLoopback", "true");
        bookie.setProperty("advertisedAddress", StateStorage.LOOPBACK);
        loopbackInterface().ifPresent(name -> bookie.setProperty("listeningInterface", name));
        bookie.setProperty("httpServerEnabled", "false");
        // Group-commit as soon as the journal queue is empty: lowest latency for one client.
        bookie.setProperty("journalFlushWhenQueueEmpty", "true");
        bookie.setProperty("journalSyncData", "false");
        bookie.setProperty("journalPreAllocSizeMB", "4");
        // A laptop disk may be fuller than a server's; the default 95% threshold would make the bookie read-only.
        bookie.setProperty("diskUsageThreshold", "0.99");
        bookie.setProperty("diskUsageWarnThreshold", "0.98");
        // The shortest ZooKeeper session the embedded ZooKeeper grants (two of its 3 s ticks). After a kill the
        // registration of the table service outlives its process until the session expires, and the restarted table
        // service waits 10 s for it to go: with the default 10 s session it came too late and the start failed.
        bookie.setProperty("zkTimeout", "6000");
        try (var out = Files.newBufferedWriter(file)) {
            bookie.store(out, "Written by Magnetar at each start; edits are overwritten.");
        }
        return file;
    }

    private static Optional<String> loopbackInterface() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(BrokerSettings::isLoopback)
                    .map(NetworkInterface::getName)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isLoopback(NetworkInterface nif) {
        try {
            return nif.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
