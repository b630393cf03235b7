package dev.magnetar.bench.latency;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Repeats a latency run the hypervisor disturbed: one during which more than {@value #MAX_STEAL_PERCENT} % of the
 * machine's CPU time went to other guests (see {@code MachineCpuTimes}). On the shared bench machine such phases
 * come and go for minutes and slow every process alike — a 100 msg/s run's p50 went from 3 to 12–16 ms for the pipe
 * and Magnetar both — so a ratio between a disturbed and an undisturbed run measures the neighbours, not the code.
 * The decision looks only at the machine, never at the latencies, and applies to every variant alike. A run is
 * tried at most {@value #MAX_ATTEMPTS} times; the last attempt is kept even when disturbed, and every repeated run
 * is reported in the notes.
 */
public final class StealGuard {
    public static final double MAX_STEAL_PERCENT = 10;
    public static final int MAX_ATTEMPTS = 3;
    /** The rule in words, for a scenario's settings. */
    public static final String RULE = String.format("a run during which the machine's steal was above %.0f %% is run"
            + " again, at most %d attempts in all; the last attempt is kept, every repeated run is in the notes",
            MAX_STEAL_PERCENT, MAX_ATTEMPTS);

    /** One latency run, started afresh on each call. */
    @FunctionalInterface
    public interface Attempt {
        LatencyResult run() throws IOException;
    }

    private final List<LatencyResult> repeated = new ArrayList<>();
    private final List<LatencyResult> keptDisturbed = new ArrayList<>();

    /** Runs {@code attempt}, again while the machine's steal during it was above the limit, at most {@value #MAX_ATTEMPTS} times. */
    public LatencyResult measure(Attempt attempt) throws IOException {
        LatencyResult result = attempt.run();
        for (int tries = 1; disturbed(result) && tries < MAX_ATTEMPTS; tries++) {
            System.out.printf("[%s] %s: machine steal %.1f %% (above %.0f %%): run again%n", result.variant(),
                    result.load(), result.stealPercent(), MAX_STEAL_PERCENT);
            repeated.add(result);
            result = attempt.run();
        }
        if (disturbed(result)) {
            keptDisturbed.add(result);
        }
        return result;
    }

    static boolean disturbed(LatencyResult result) {
        return result.stealPercent() > MAX_STEAL_PERCENT;
    }

    /** What was repeated and what was kept disturbed, for the scenario's notes; empty when nothing was. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!repeated.isEmpty()) {
            notes.add(String.format("%d run(s) repeated because the machine's steal was above %.0f %% during them"
                    + " (not in the table): %s", repeated.size(), MAX_STEAL_PERCENT, describe(repeated)));
        }
        if (!keptDisturbed.isEmpty()) {
            notes.add(String.format("%d run(s) kept although still disturbed after %d attempts: %s", keptDisturbed.size(),
                    MAX_ATTEMPTS, describe(keptDisturbed)));
        }
        return notes;
    }

    private static String describe(List<LatencyResult> runs) {
        return String.join("; ", runs.stream().map(r -> String.format("%s at %s (steal %.1f %%, p50 %.2f ms, p99 %.2f ms)",
                r.variant(), r.load(), r.stealPercent(), r.latency().p50(), r.latency().p99())).toList());
    }
}
