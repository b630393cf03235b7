package dev.magnetar.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the numbers were measured on: cores, memory, Java, and how loaded the machine was. */
public record Machine(int cores, long memoryMb, String javaVersion, String os, String loadAverage) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryMb(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), currentLoadAverage());
    }

    /** The 1/5/15-minute load averages as /proc/loadavg reports them, or "unknown". */
    public static String currentLoadAverage() {
        return read(Path.of("/proc/loadavg"))
                .map(s -> String.join(" ", java.util.Arrays.copyOf(s.trim().split("\\s+"), 3)))
                .orElse("unknown");
    }

    private static long totalMemoryMb() {
        return read(Path.of("/proc/meminfo")).flatMap(s -> s.lines()
                        .filter(l -> l.startsWith("MemTotal:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                        .findFirst())
                .orElse(Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
