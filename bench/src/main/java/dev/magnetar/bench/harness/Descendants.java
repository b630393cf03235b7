package dev.magnetar.bench.harness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops every process a run started, grandchildren included (the replicas a control plane started). The
 * bench's shutdown hook calls it, so an interrupted run (Ctrl-C, a CI timeout) leaves no broker or worker behind.
 */
public final class Descendants {
    private Descendants() {
    }

    /** SIGTERM to every descendant of {@code root}, then SIGKILL to those still running after {@code grace}. */
    public static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> descendants = root.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : descendants) {
            long left = Math.max(0, deadline - System.nanoTime());
            process.onExit().completeOnTimeout(process, left, TimeUnit.NANOSECONDS).join();
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
