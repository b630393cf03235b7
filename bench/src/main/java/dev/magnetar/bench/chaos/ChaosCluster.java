package dev.magnetar.bench.chaos;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.gateway.ControlPlaneProcess;
import dev.magnetar.local.config.ReplicaConfig;
import dev.magnetar.standalone.launcher.BrokerOptions;
import dev.magnetar.standalone.launcher.BrokerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes the chaos scenario kills: a broker of its own (the bench's shared one stays untouched) and a control
 * plane against it, each started again after a kill on the same data dir and the same ports, as an operator's process
 * supervisor would.
 */
final class ChaosCluster implements AutoCloseable {
    static final String BIND_ADDRESS = "127.0.0.1";
    /** A killed process is gone within moments; waiting longer means the kill did not take. */
    private static final long EXIT_TIMEOUT_SECONDS = 30;
    /**
     * No warm pool: a killed replica is replaced by a fresh JVM, and the only children of the control plane are the
     * function's replicas, which is where a replica kill picks its target.
     */
    private static final ControlPlaneProcess.Extra NO_WARM_POOL = new ControlPlaneProcess.Extra(
            Map.of(ReplicaConfig.WARM_POOL_SIZE_PROPERTY, "0"), null);

    private final Installation installation;
    private final BrokerOptions brokerOptions;
    private final Path planeDir;
    private final int planePort;
    private BrokerProcess broker;
    private ControlPlaneProcess plane;

    private ChaosCluster(Installation installation, BrokerOptions brokerOptions, Path planeDir, int planePort,
                         BrokerProcess broker) {
        this.installation = installation;
        this.brokerOptions = brokerOptions;
        this.planeDir = planeDir;
        this.planePort = planePort;
        this.broker = broker;
    }

    /** Starts the broker on free ports, then a control plane on a free port; later starts keep those ports. */
    static ChaosCluster start(Installation installation, Path dir) throws IOException {
        BrokerProcess broker = BrokerProcess.start(BrokerOptions.ephemeral(dir.resolve("broker")));
        BrokerOptions fixedPorts = new BrokerOptions(broker.dataDir(), BIND_ADDRESS,
                URI.create(broker.serviceUrl()).getPort(), URI.create(broker.adminUrl()).getPort());
        ChaosCluster cluster = new ChaosCluster(installation, fixedPorts, dir.resolve("control-plane"),
                ControlPlaneProcess.freePort(), broker);
        try {
            cluster.startControlPlane();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    String serviceUrl() {
        return broker.serviceUrl();
    }

    ControlPlaneProcess controlPlane() {
        return plane;
    }

    String gatewayUrl() {
        return "http://" + BIND_ADDRESS + ":" + planePort;
    }

    Path brokerDataDir() {
        return brokerOptions.dataDir();
    }

    /**
     * Kills one of the control plane's replicas, picked by {@code plan}; the control plane notices and starts it again.
     * Null when no replica runs at this moment (the control plane is still starting them).
     */
    Fault killReplica(FaultPlan plan) {
        List<ProcessHandle> replicas = ProcessHandle.of(plane.pid()).stream().flatMap(ProcessHandle::children)
                .filter(ProcessHandle::isAlive).sorted((a, b) -> Long.compare(a.pid(), b.pid())).toList();
        if (replicas.isEmpty()) {
            return null;
        }
        ProcessHandle replica = replicas.get(plan.nextTarget(replicas.size()));
        long killed = kill(replica);
        return new Fault(FaultKind.REPLICA, "replica pid " + replica.pid(), killed, killed);
    }

    /** Kills the control plane (its replicas stop by themselves once their parent is gone) and starts a new one. */
    Fault killControlPlane() throws IOException {
        long pid = plane.pid();
        long killed = kill(ProcessHandle.of(pid).orElseThrow());
        plane.close();
        startControlPlane();
        return new Fault(FaultKind.CONTROL_PLANE, "control plane pid " + pid, killed, System.nanoTime());
    }

    /** Kills the broker and starts it again on the same data dir and ports. */
    Fault killBroker() {
        long pid = broker.pid();
        long killed = kill(ProcessHandle.of(pid).orElseThrow());
        broker.close();
        broker = BrokerProcess.start(brokerOptions);
        return new Fault(FaultKind.BROKER, "broker pid " + pid, killed, System.nanoTime());
    }

    private void startControlPlane() throws IOException {
        plane = ControlPlaneProcess.start(installation, broker.serviceUrl(), broker.adminUrl(), planeDir, planePort,
                false, NO_WARM_POOL);
    }

    /** SIGKILL, then the wait until the process is gone; returns {@link System#nanoTime()} of the kill. */
    private static long kill(ProcessHandle process) {
        process.destroyForcibly();
        long killed = System.nanoTime();
        process.onExit().completeOnTimeout(process, EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        if (process.isAlive()) {
            throw new IllegalStateException("process " + process.pid() + " still runs " + EXIT_TIMEOUT_SECONDS
                    + " s after SIGKILL");
        }
        return killed;
    }

    @Override
    public void close() {
        try {
            if (plane != null) {
                plane.close();
            }
        } finally {
            broker.close();
        }
    }
}
