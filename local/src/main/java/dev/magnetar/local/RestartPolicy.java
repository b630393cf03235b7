package dev.magnetar.local;

import java.time.Duration;

/**
 * When to restart a replica that died: exponential back-off from {@code initial}, doubling per
 * consecutive failure up to {@code max}. A replica that ran at least {@code stableAfter} before
 * dying starts the count again, so one crash a day never waits the maximum.
 */
public record RestartPolicy(Duration initial, Duration max, Duration stableAfter) {
    public static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    public RestartPolicy {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("restart back-off initial delay is " + initial + ": must be above 0");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("restart back-off max " + max + " is below the initial delay " + initial);
        }
    }

    /** Delay before the restart that follows the given number of consecutive failures (1 = first). */
    public Duration delay(int consecutiveFailures) {
        int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 30));
        Duration delay = initial;
        for (int i = 0; i < doublings && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Consecutive failures after a replica that ran {@code uptime} died, given the count before. */
    public int failuresAfterExit(int failuresBefore, Duration uptime) {
        return uptime.compareTo(stableAfter) >= 0 ? 1 : failuresBefore + 1;
    }
}
