package dev.magnetar.bench.chaos;

import java.time.Duration;
import java.util.Random;

/**
 * The seeded random choices of a chaos run: the wait before each fault and its kind from one generator, which replica
 * to kill from another, so that the kinds and intervals repeat with the seed whatever the number of replicas seen.
 */
final class FaultPlan {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(20);
    static final Duration MAX_INTERVAL = Duration.ofSeconds(30);
    /** Keeps the generator of targets apart from the generator of kinds while both derive from the one seed. */
    private static final long TARGET_SALT = 0x5DEECE66DL;

    private final Random schedule;
    private final Random targets;

    FaultPlan(long seed) {
        this.schedule = new Random(seed);
        this.targets = new Random(seed ^ TARGET_SALT);
    }

    /** The wait before the next fault, between {@link #MIN_INTERVAL} and {@link #MAX_INTERVAL}. */
    Duration nextInterval() {
        long spread = MAX_INTERVAL.toMillis() - MIN_INTERVAL.toMillis();
        return MIN_INTERVAL.plusMillis((long) (schedule.nextDouble() * spread));
    }

    FaultKind nextKind() {
        FaultKind[] kinds = FaultKind.values();
        return kinds[schedule.nextInt(kinds.length)];
    }

    /** Which of {@code candidates} processes to kill, from 0. */
    int nextTarget(int candidates) {
        return targets.nextInt(candidates);
    }
}
