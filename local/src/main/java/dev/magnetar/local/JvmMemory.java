package dev.magnetar.local;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** The memory replica JVMs take on this machine: its physical memory, a launcher's heap, and how to say a size. */
final class JvmMemory {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private JvmMemory() {
    }

    /** This machine's physical memory in bytes (a container's limit inside a container). */
    static long physical() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    /**
     * The maximum heap the launcher's options give a replica: the last {@code -Xmx} or {@code -XX:MaxHeapSize}, or
     * the JVM's default, a quarter of the machine's memory.
     */
    static long heapOf(List<String> launcher, long machineMemory) {
        long heap = machineMemory / 4;
        for (String option : launcher) {
            if (option.startsWith("-Xmx")) {
                heap = size(option.substring("-Xmx".length()), heap);
            } else if (option.startsWith("-XX:MaxHeapSize=")) {
                heap = size(option.substring("-XX:MaxHeapSize=".length()), heap);
            }
        }
        return heap;
    }

    /** {@code 96 MiB}, {@code 2 GiB}, {@code 23.4 GiB}. */
    static String human(long bytes) {
        if (bytes < GIB) {
            return (bytes + MIB - 1) / MIB + " MiB";
        }
        double gib = (double) bytes / GIB;
        return gib == Math.rint(gib) ? (long) gib + " GiB" : String.format(Locale.ROOT, "%.1f GiB", gib);
    }

    /** A JVM size ({@code 256m}, {@code 1g}, {@code 524288k}, bytes without a unit); {@code fallback} when unreadable. */
    private static long size(String value, long fallback) {
        if (value.isEmpty()) {
            return fallback;
        }
        char unit = Character.toLowerCase(value.charAt(value.length() - 1));
        long multiplier = switch (unit) {
            case 'k' -> 1L << 10;
            case 'm' -> MIB;
            case 'g' -> GIB;
            case 't' -> GIB << 10;
            default -> 1;
        };
        String digits = multiplier == 1 ? value : value.substring(0, value.length() - 1);
        try {
            return Long.parseLong(digits) * multiplier;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
