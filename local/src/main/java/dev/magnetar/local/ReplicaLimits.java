package dev.magnetar.local;

import java.time.Duration;

/**
 * How many replicas this machine runs, and how fast they start.
 *
 * @param maxPerFunction replicas one function may ask for
 * @param maxTotal       replicas of all functions together
 * @param machineMemory  this machine's physical memory, in bytes
 * @param memoryReserve  bytes of it kept for everything but replicas: the broker, the control plane, the system
 * @param startInterval  the time between two replica starts, so a scale-up never boots every JVM at once
 */
public record ReplicaLimits(int maxPerFunction, int maxTotal, long machineMemory, long memoryReserve,
                            Duration startInterval) {
    public static final int DEFAULT_MAX_PER_FUNCTION = 16;
    public static final int DEFAULT_MAX_TOTAL = 32;
    public static final String DEFAULT_MEMORY_RESERVE = "2GB";
    public static final String DEFAULT_START_INTERVAL = "500ms";
    public static final String PREFIX = "magnetar.replicas.limits";

    public ReplicaLimits {
        if (maxPerFunction < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("replica limits are " + maxPerFunction + " per function and " + maxTotal
                    + " in total: both must be 1 or more (" + PREFIX + ".max-per-function, .max-total)");
        }
        if (memoryReserve < 0 || startInterval.isNegative()) {
            throw new IllegalArgumentException("the memory reserve (" + memoryReserve + " bytes) and the start interval ("
                    + startInterval + ") must not be negative (" + PREFIX + ".memory-reserve, .start-interval)");
        }
    }

    /** The defaults, on this machine's memory. */
    public static ReplicaLimits defaults() {
        return new ReplicaLimits(DEFAULT_MAX_PER_FUNCTION, DEFAULT_MAX_TOTAL, physicalMemory(), 2L << 30,
                Duration.ofMillis(500));
    }

    /** This machine's physical memory in bytes (a container's limit inside a container). */
    public static long physicalMemory() {
        return JvmMemory.physical();
    }

    /** This machine's memory for replicas: its physical memory less the reserve. */
    public long memoryForReplicas() {
        return Math.max(0, machineMemory - memoryReserve);
    }
}
