package dev.magnetar.cli.standalone;

import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.cli.CliException;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.local.config.ReplicaConfig;
import dev.magnetar.standalone.launcher.BrokerOptions;
import dev.magnetar.standalone.launcher.BrokerProcess;
import dev.magnetar.standalone.launcher.BrokerStartException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code magnetar standalone} runs, started in dependency order (broker, then control plane)
 * and stopped in reverse: replicas and control plane first, so nothing talks to a stopped broker.
 */
final class StandaloneStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneStack.class);

    /**
     * @param broker         null when an existing cluster is used ({@code serviceUrl}/{@code adminUrl} given)
     * @param security       where the control plane listens and how it authenticates
     * @param allowedJarDirs where definitions may name jars besides the uploaded ones
     * @param warmPoolSize   runtime JVMs of the warm pool; null leaves it to the configuration (its default, or
     *                       {@code MAGNETAR_REPLICAS_WARM_POOL_SIZE})
     */
    record Settings(Path dataDir, int port, BrokerOptions broker, String serviceUrl, String adminUrl,
                    String authToken, StandaloneSecurity security, List<Path> allowedJarDirs, Integer warmPoolSize) {
    }

    private final BrokerProcess broker;
    private final PulsarConnection pulsar;
    private final ControlPlane controlPlane;
    private final ListenAddress listen;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch brokerDied = new CountDownLatch(1);

    private StandaloneStack(BrokerProcess broker, PulsarConnection pulsar, ControlPlane controlPlane,
                            ListenAddress listen) {
        this.broker = broker;
        this.pulsar = pulsar;
        this.controlPlane = controlPlane;
        this.listen = listen;
    }

    static StandaloneStack start(Settings settings, PrintWriter out) {
        BrokerProcess broker = settings.broker() == null ? null : startBroker(settings.broker(), out);
        PulsarConnection pulsar = broker == null
                ? new PulsarConnection(settings.serviceUrl(), settings.adminUrl(), settings.authToken())
                : new PulsarConnection(broker.serviceUrl(), broker.adminUrl(), null);
        ControlPlane controlPlane;
        try {
            Map<String, Object> properties = controlPlaneProperties(settings);
            properties.putAll(stateStorageProperties(broker));
            controlPlane = ControlPlane.start(new ControlPlaneOptions(settings.port(), settings.dataDir(), pulsar),
                    properties);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw new CliException("cannot start the control plane on port " + settings.port() + ": "
                    + rootMessage(e) + " (is another `magnetar standalone` running? choose another port with --port)", e);
        }
        StandaloneStack stack = new StandaloneStack(broker, pulsar, controlPlane, settings.security().listen());
        stack.watchBroker();
        return stack;
    }

    /** What the flags set in the control plane's configuration. */
    static Map<String, Object> controlPlaneProperties(Settings settings) {
        Map<String, Object> properties = new HashMap<>(settings.security().properties());
        properties.put(AdminConfig.ALLOWED_JAR_DIRS, settings.allowedJarDirs().stream().map(Path::toString).toList());
        if (settings.warmPoolSize() != null) {
            properties.put(ReplicaConfig.WARM_POOL_SIZE_PROPERTY, settings.warmPoolSize());
        }
        return properties;
    }

    /**
     * Where functions keep their state: the embedded broker's table service, or why it has none. With an existing
     * cluster, the configuration says ({@value StateStorageSettings#URL_PROPERTY}, env MAGNETAR_STATE_STORAGE_URL).
     */
    static Map<String, Object> stateStorageProperties(BrokerProcess broker) {
        if (broker == null) {
            return Map.of();
        }
        if (broker.stateStorageUrl() != null) {
            return Map.of(StateStorageSettings.URL_PROPERTY, broker.stateStorageUrl());
        }
        return Map.of(StateStorageSettings.UNAVAILABLE_PROPERTY,
                StateStorageSettings.rocksDbDataDir(broker.dataDir().toString()));
    }

    private static BrokerProcess startBroker(BrokerOptions options, PrintWriter out) {
        out.println("starting the embedded Pulsar broker (data in " + options.dataDir() + ") ...");
        out.flush();
        try {
            return BrokerProcess.start(options);
        } catch (BrokerStartException e) {
            throw new CliException("the embedded Pulsar broker did not start: " + e.getMessage(), e);
        }
    }

    private void watchBroker() {
        if (broker == null) {
            return;
        }
        ProcessHandle.of(broker.pid()).ifPresent(handle -> handle.onExit().thenRun(() -> {
            if (!closing.get()) {
                LOG.error("The embedded broker (pid {}) exited unexpectedly; its log is in {}", broker.pid(),
                        brokerLogDir());
                brokerDied.countDown();
            }
        }));
    }

    /** Blocks until the broker dies on its own (never, with an external cluster); then stops the rest. */
    int awaitBrokerExit() throws InterruptedException {
        brokerDied.await();
        close();
        return CliException.FAILED;
    }

    PulsarConnection pulsar() {
        return pulsar;
    }

    String controlPlaneUrl() {
        return listen.url(controlPlane.port());
    }

    boolean embeddedBroker() {
        return broker != null;
    }

    Path brokerLogDir() {
        return broker == null ? null : broker.dataDir().resolve("logs");
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            // Replicas and the control plane first, so nothing talks to a stopped broker.
            controlPlane.close();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the control plane failed: {}", e.toString());
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
