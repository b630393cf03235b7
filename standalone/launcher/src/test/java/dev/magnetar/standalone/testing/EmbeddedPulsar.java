package dev.magnetar.standalone.testing;

import dev.magnetar.standalone.launcher.BrokerOptions;
import dev.magnetar.standalone.launcher.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real embedded Pulsar broker per test JVM, started on first use on free ports with a temporary
 * data directory, and stopped (directory deleted) by a shutdown hook. Tests share it, so each test
 * uses its own topics ({@link #uniqueTopic}); the client and admin are shared too: do not close them.
 * Besides its plain ports it serves TLS ({@link #tlsServiceUrl()}, {@link #tlsAdminUrl()}) with a self-signed
 * pair made for this JVM ({@link #certificates()}).
 */
public final class EmbeddedPulsar {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPulsar.class);
    private static EmbeddedPulsar shared;
    private static RuntimeException startFailure;

    private final BrokerProcess broker;
    private final Path dataDir;
    private final Path tlsDir;
    private final TestCertificates certificates;
    private PulsarClient client;
    private PulsarAdmin admin;

    private EmbeddedPulsar(BrokerProcess broker, Path dataDir, Path tlsDir, TestCertificates certificates) {
        this.broker = broker;
        this.dataDir = dataDir;
        this.tlsDir = tlsDir;
        this.certificates = certificates;
    }

    /** The broker of this JVM, started on the first call (about 8 s); a failed start is not retried. */
    public static synchronized EmbeddedPulsar shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw new IllegalStateException("the shared embedded broker failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        try {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "magnetar-embedded-pulsar-stop"));
            return shared;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static EmbeddedPulsar start() {
        Path dataDir;
        Path tlsDir;
        try {
            dataDir = Files.createTempDirectory("magnetar-test-broker-");
            tlsDir = Files.createTempDirectory("magnetar-test-tls-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create temporary directories for the test broker", e);
        }
        long started = System.nanoTime();
        TestCertificates certificates = TestCertificates.create(tlsDir);
        BrokerProcess broker = BrokerProcess.start(BrokerOptions.ephemeral(dataDir).withTls(new BrokerOptions.Tls(0, 0,
                certificates.keyStore(), TestCertificates.TYPE, certificates.password())));
        LOG.info("Embedded Pulsar ready in {} ms: {} {} {} {} {} (pid {}, data {})", (System.nanoTime() - started) / 1_000_000,
                broker.serviceUrl(), broker.adminUrl(), broker.tlsServiceUrl(), broker.tlsAdminUrl(),
                broker.stateStorageUrl(), broker.pid(), dataDir);
        return new EmbeddedPulsar(broker, dataDir, tlsDir, certificates);
    }

    public String serviceUrl() {
        return broker.serviceUrl();
    }

    public String adminUrl() {
        return broker.adminUrl();
    }

    /** {@code bk://127.0.0.1:port}: the broker's table service, where functions keep their state. */
    public String stateStorageUrl() {
        return broker.stateStorageUrl();
    }

    /** {@code pulsar+ssl://127.0.0.1:port}, served with {@link #certificates()}. */
    public String tlsServiceUrl() {
        return broker.tlsServiceUrl();
    }

    /** {@code https://127.0.0.1:port}, served with {@link #certificates()}. */
    public String tlsAdminUrl() {
        return broker.tlsAdminUrl();
    }

    /** The broker's self-signed pair, and the trust store and PEM file that trust it. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** A PKCS12 trust store holding the broker's certificate. */
    public Path trustStore() {
        return certificates.trustStore();
    }

    public String trustStorePassword() {
        return certificates.password();
    }

    /** The broker process, e.g. for its pid or data directory. */
    public BrokerProcess broker() {
        return broker;
    }

    /** A client shared by every test of this JVM. */
    public synchronized PulsarClient client() {
        if (client == null) {
            try {
                client = PulsarClient.builder().serviceUrl(serviceUrl()).build();
            } catch (PulsarClientException e) {
                throw new IllegalStateException("cannot create a client for " + serviceUrl(), e);
            }
        }
        return client;
    }

    /** An admin client shared by every test of this JVM. */
    public synchronized PulsarAdmin admin() {
        if (admin == null) {
            try {
                admin = PulsarAdmin.builder().serviceHttpUrl(adminUrl()).build();
            } catch (PulsarClientException e) {
                throw new IllegalStateException("cannot create an admin client for " + adminUrl(), e);
            }
        }
        return admin;
    }

    /** {@code persistent://public/default/<prefix>-<random>}: a topic no other test uses. */
    public String uniqueTopic(String prefix) {
        return "persistent://public/default/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private synchronized void stop() {
        closeQuietly(client);
        closeQuietly(admin);
        broker.close();
        deleteRecursively(dataDir);
        deleteRecursively(tlsDir);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // The JVM is ending; the broker stops next anyway.
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
