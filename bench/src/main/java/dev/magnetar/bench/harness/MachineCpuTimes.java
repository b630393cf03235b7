package dev.magnetar.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time counters (the "cpu" line of /proc/stat, in clock ticks), read before and after a run to
 * tell how much of the run's CPU time the hypervisor took away ("steal"). On a shared virtual machine the same
 * latency run can take several times as long under heavy steal, whatever ran in it; the figure next to each
 * result says which kind of run it was.
 *
 * @param total every counter summed (user, nice, system, idle, iowait, irq, softirq, steal)
 * @param steal time the virtual CPUs were ready to run but the hypervisor ran something else
 */
public record MachineCpuTimes(long total, long steal) {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** When /proc/stat cannot be read (not Linux): every share is unknown. */
    public static final MachineCpuTimes UNKNOWN = new MachineCpuTimes(-1, -1);

    public static MachineCpuTimes read() {
        try {
            return parse(Files.readString(PROC_STAT));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** From the text of /proc/stat; {@link #UNKNOWN} when it has no aggregate "cpu" line. */
    static MachineCpuTimes parse(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
        if (line == null) {
            return UNKNOWN;
        }
        String[] fields = line.trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is counted in user already.
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        long steal = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
        return new MachineCpuTimes(total, steal);
    }

    /** Percent of the CPU time since {@code start} that was stolen; -1 when unknown or no time passed. */
    public double stealPercentSince(MachineCpuTimes start) {
        long elapsed = total - start.total;
        if (total < 0 || start.total < 0 || elapsed <= 0) {
            return -1;
        }
        return 100.0 * (steal - start.steal) / elapsed;
    }
}
