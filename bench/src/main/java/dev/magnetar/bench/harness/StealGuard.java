package dev.magnetar.bench.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Repeats a measured run the hypervisor disturbed: one during which more than {@value #MAX_STEAL_PERCENT} % of the
 * machine's CPU time went to other guests ({@link MachineCpuTimes}). On the shared bench machine such phases come
 * and go for minutes and slow every process alike, pipe and Magnetar both, so a ratio between a disturbed and an
 * undisturbed run measures the neighbours, not the code. The
 * decision looks only at the machine, never at the result, and applies to every variant alike. A run is tried at
 * most {@value #MAX_ATTEMPTS} times; the last attempt is kept even when disturbed, and every repeated run is
 * reported in the notes.
 *
 * @param <R> what one run yields
 */
public final class StealGuard<R> {
    public static final double MAX_STEAL_PERCENT = 10;
    public static final int MAX_ATTEMPTS = 3;
    /** The rule in words, for a scenario's settings. */
    public static final String RULE = String.format("a run during which the machine's steal was above %.0f %% is run"
            + " again, at most %d attempts in all; the last attempt is kept, every repeated run is in the notes",
            MAX_STEAL_PERCENT, MAX_ATTEMPTS);

    /** One run, started afresh on each call. */
    @FunctionalInterface
    public interface Attempt<R> {
        R run() throws IOException;
    }

    private final ToDoubleFunction<R> stealPercent;
    private final Function<R, String> describe;
    private final List<R> repeated = new ArrayList<>();
    private final List<R> keptDisturbed = new ArrayList<>();

    /**
     * @param stealPercent the machine's steal during a run, negative when unknown (never repeated)
     * @param describe     a run in a few words for the notes, its steal included
     */
    public StealGuard(ToDoubleFunction<R> stealPercent, Function<R, String> describe) {
        this.stealPercent = stealPercent;
        this.describe = describe;
    }

    /** Runs {@code attempt}, again while the machine's steal during it was above the limit, at most {@value #MAX_ATTEMPTS} times. */
    public R measure(Attempt<R> attempt) throws IOException {
        R result = attempt.run();
        for (int tries = 1; disturbed(result) && tries < MAX_ATTEMPTS; tries++) {
            System.out.printf("%s: machine steal above %.0f %%: run again%n", describe.apply(result), MAX_STEAL_PERCENT);
            repeated.add(result);
            result = attempt.run();
        }
        if (disturbed(result)) {
            keptDisturbed.add(result);
        }
        return result;
    }

    private boolean disturbed(R result) {
        return stealPercent.applyAsDouble(result) > MAX_STEAL_PERCENT;
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

    private String describe(List<R> runs) {
        return String.join("; ", runs.stream().map(describe).toList());
    }
}
