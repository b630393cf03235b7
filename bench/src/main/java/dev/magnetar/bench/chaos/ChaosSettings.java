package dev.magnetar.bench.chaos;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * How long the chaos scenario injects faults, and the seed of its random choices: the same seed gives the same faults
 * in the same order at the same intervals, so a run can be repeated.
 *
 * @param length how long faults are injected ({@code --chaos-seconds}); the final drain comes on top
 * @param seed   seed of the fault plan ({@code --seed}); a random one when not given, printed by the run
 */
public record ChaosSettings(Duration length, long seed) {
    public static final Duration DEFAULT_LENGTH = Duration.ofMinutes(10);

    public ChaosSettings {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("the chaos run's length is " + length + ": must be above 0");
        }
    }

    /** Ten minutes with a fresh random seed. */
    public static ChaosSettings defaults() {
        return new ChaosSettings(DEFAULT_LENGTH, new SecureRandom().nextLong());
    }

    public ChaosSettings withLength(Duration newLength) {
        return new ChaosSettings(newLength, seed);
    }

    public ChaosSettings withSeed(long newSeed) {
        return new ChaosSettings(length, newSeed);
    }
}
