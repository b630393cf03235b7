package dev.magnetar.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM/SIGINT into an orderly stop: the main thread drains and closes, then exits 0.
 * (A plain shutdown hook cannot: the JVM would exit with 143 and close the Pulsar client under
 * the in-flight messages.) A crash inside the replica stops it the same way, with exit code 1.
 */
final class ShutdownSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignal.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<Throwable> crash = new AtomicReference<>();

    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), received -> {
                LOG.info("SIG{} received: stopping after the in-flight messages", received.getName());
                signal.stop.countDown();
            });
        }
        return signal;
    }

    /**
     * Stops like SIGTERM when the given process exits: a replica of a local control plane that
     * was killed outright must not keep consuming as an orphan.
     */
    void stopWhenExits(long pid) {
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    LOG.warn("Parent process {} exited: stopping after the in-flight messages", pid);
                    stop.countDown();
                }),
                () -> {
                    LOG.warn("Parent process {} is not running: stopping", pid);
                    stop.countDown();
                });
    }

    void crash(Throwable error) {
        if (crash.compareAndSet(null, error)) {
            LOG.error("The replica cannot go on and stops", error);
        }
        stop.countDown();
    }

    void await() throws InterruptedException {
        stop.await();
    }

    boolean await(long millis) throws InterruptedException {
        return stop.await(millis, TimeUnit.MILLISECONDS);
    }

    Throwable crashCause() {
        return crash.get();
    }
}
