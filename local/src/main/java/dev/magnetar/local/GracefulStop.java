package dev.magnetar.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends a replica's process: SIGTERM, so it drains, then a kill once the grace period has passed. */
final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private GracefulStop() {
    }

    /** Through the handle: {@code Process.destroy()} would also close our end of its output, losing its drain log. */
    static void sigterm(Process process) {
        process.toHandle().destroy();
    }

    /** Returns when {@code process} (null: nothing to do) has ended; {@code who} names it in the log. */
    static void of(Process process, Duration grace, String who) {
        if (process == null) {
            return;
        }
        sigterm(process);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", who, process.pid(),
                        grace.toSeconds());
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
