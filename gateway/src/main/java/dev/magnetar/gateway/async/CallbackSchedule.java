package dev.magnetar.gateway.async;

import java.time.Duration;
import java.util.Optional;

/**
 * When a callback is tried again: {@code attempts} tries in all, the second {@code initialDelay} after the first
 * failed, each wait after that twice the one before, none longer than {@code maxDelay}. Without jitter: the
 * attempts of one call are spread out already, and different calls finish, and so fail, at different moments.
 *
 * @param attempts     tries in all, the first included; at least 1
 * @param initialDelay the wait before the second try
 * @param maxDelay     the longest wait
 */
public record CallbackSchedule(int attempts, Duration initialDelay, Duration maxDelay) {
    public CallbackSchedule {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay, were "
                    + initialDelay + " and " + maxDelay);
        }
    }

    /**
     * The wait before try number {@code attempt} (2 is the first retry), or empty when the callback is given up
     * after try {@code attempt - 1}.
     */
    public Optional<Duration> delayBefore(int attempt) {
        if (attempt < 2 || attempt > attempts) {
            return Optional.empty();
        }
        int doublings = attempt - 2;
        if (doublings >= Long.SIZE - 2) {
            return Optional.of(maxDelay);
        }
        try {
            Duration delay = initialDelay.multipliedBy(1L << doublings);
            return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        } catch (ArithmeticException overflow) {
            return Optional.of(maxDelay);
        }
    }
}
