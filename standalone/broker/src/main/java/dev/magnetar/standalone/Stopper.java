package dev.magnetar.standalone;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops the broker once, in order (broker, then bookie and metadata store, then the lock and the
 * log), and exits 0. SIGTERM/SIGINT are handled directly rather than through JVM shutdown hooks:
 * BookKeeper registers its own hook, which would close the bookie while the broker still flushes,
 * and a JVM ended by a signal would exit 128+n instead of 0.
 */
final class Stopper {
    private static final Logger LOG = LoggerFactory.getLogger(Stopper.class);
    private static final long STOP_WAIT_SECONDS = 60;

    private final EmbeddedBroker broker;
    private final DataDirectory dataDir;
    private final CountDownLatch stopped;
    private final AtomicBoolean stopping = new AtomicBoolean();

    Stopper(EmbeddedBroker broker, DataDirectory dataDir, CountDownLatch stopped) {
        this.broker = broker;
        this.dataDir = dataDir;
        this.stopped = stopped;
    }

    /**
     * While a parent owns the broker, SIGTERM and SIGINT leave it running: such signals often reach every
     * process at once (a terminal's Ctrl-C goes to the whole foreground process group, {@code kill -TERM
     * -PGID} to a group, systemd's default KillMode=control-group to the whole unit), and the parent, which
     * got the same signal, stops its replicas and control plane first and then this broker. Stopping here
     * at once would pull the broker from under replicas that are still draining. A session of its own
     * ({@code setsid}) would shield the broker from the first two only, and is not on every platform.
     */
    void install(Optional<ParentProcess> parent) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (parent.isPresent() && parent.get().alive()) {
                    LOG.info("Received SIG{}: parent process {} stops the broker after its replicas and control"
                            + " plane (to stop everything, signal that process)", signal.getName(), parent.get().pid());
                    return;
                }
                LOG.info("Received SIG{}: stopping the broker", signal.getName());
                new Thread(this::stopAndExit, "magnetar-broker-stop").start();
            });
        }
        // Any other exit (System.exit from a library) still closes the broker; the exit status is kept.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "magnetar-broker-shutdown-hook"));
    }

    void stopAndExit() {
        stop();
        try {
            // A second signal while the first stop runs must not cut it short.
            stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(0);
    }

    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            broker.close();
        } catch (RuntimeException e) {
            LOG.error("Broker did not stop cleanly", e);
        } finally {
            dataDir.close();
            stopped.countDown();
            BrokerLifecycle.shutdownLogging();
        }
    }
}
