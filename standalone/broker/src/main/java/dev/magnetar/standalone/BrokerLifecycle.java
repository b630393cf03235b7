package dev.magnetar.standalone;

import dev.magnetar.api.launch.BrokerReadyLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start, announce, and stop: locks the data directory, starts the broker, prints the READY line,
 * then waits until SIGTERM/SIGINT, or with a parent process until it asks or is gone, and stops the broker.
 */
final class BrokerLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLifecycle.class);

    private BrokerLifecycle() {
    }

    static void run(BrokerArguments args, Path root, PrintStream protocol) throws StartupFailure, InterruptedException {
        LOG.info("Starting the embedded broker: data dir {}, bind address {}, broker port {}, web port {}{}",
                root, args.bindAddress(), args.brokerPort(), args.webPort(), args.tls() == null ? "" : ", " + args.tls());
        DataDirectory dataDir = DataDirectory.lock(root);
        var address = PortGuard.checkBindAddress(args.bindAddress());
        PortGuard.checkFree(address, "--broker-port", args.brokerPort());
        PortGuard.checkFree(address, "--web-port", args.webPort());
        if (args.tls() != null) {
            PortGuard.checkFree(address, BrokerTls.BROKER_PORT, args.tls().brokerPort());
            PortGuard.checkFree(address, BrokerTls.WEB_PORT, args.tls().webPort());
        }
        PortGuard.checkRecordedBookiePort(dataDir.resolve("bookkeeper"));
        StateStorage state = StateStorage.prepare(root);
        state.checkFree();
        if (!state.enabled()) {
            LOG.warn(StateStorage.disabledWarning(root));
        }
        Optional<ParentProcess> parent = ParentProcess.of(args);
        EmbeddedBroker broker = EmbeddedBroker.start(args, dataDir, state);
        CountDownLatch stopped = new CountDownLatch(1);
        Stopper stopper = new Stopper(broker, dataDir, stopped);
        stopper.install(parent);
        protocol.println(new BrokerReadyLine(broker.serviceUrl(), broker.adminUrl(), broker.tlsServiceUrl(),
                broker.tlsAdminUrl(), broker.stateStorageUrl(), root).format());
        protocol.flush();
        parent.ifPresent(p -> p.onStopRequest(System.in, stopper::stopAndExit));
        stopped.await();
    }

    /** log4j2's own shutdown hook is disabled (log4j2.xml) so the broker's last words are written. */
    static void shutdownLogging() {
        if (System.getProperty(StandaloneBroker.LOG_DIR_PROPERTY) != null) {
            LogManager.shutdown();
        }
    }
}
