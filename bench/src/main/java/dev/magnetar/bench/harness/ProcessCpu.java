package dev.magnetar.bench.harness;

import java.time.Duration;

/** CPU time (user + system) a process has used so far, from {@link ProcessHandle} (on Linux: /proc/&lt;pid&gt;/stat). */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Milliseconds of CPU used by {@code pid}, or -1 when the platform does not tell. */
    public static long millis(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().totalCpuDuration())
                .map(Duration::toMillis)
                .orElse(-1L);
    }
}
