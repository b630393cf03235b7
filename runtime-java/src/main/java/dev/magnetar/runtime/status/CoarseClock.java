package dev.magnetar.runtime.status;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock milliseconds, refreshed every {@value #RESOLUTION_MS} ms by one daemon thread. The status bookkeeping
 * reads the time several times per message (the one-minute window's second, the last invocation time) and needs
 * no better than that; a volatile read is far cheaper than a clock call on a virtual machine.
 */
public final class CoarseClock {
    static final long RESOLUTION_MS = 10;
    private static volatile long millis = System.currentTimeMillis();

    static {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "magnetar-coarse-clock");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> millis = System.currentTimeMillis(), RESOLUTION_MS, RESOLUTION_MS,
                TimeUnit.MILLISECONDS);
    }

    private CoarseClock() {
    }

    /** The current time in milliseconds since the epoch, at most about {@value #RESOLUTION_MS} ms old. */
    public static long millis() {
        return millis;
    }
}
