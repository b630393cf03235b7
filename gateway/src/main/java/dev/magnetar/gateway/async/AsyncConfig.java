package dev.magnetar.gateway.async;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * Asynchronous calls: how long and how many of them the gateways keep, and how a callback is retried
 * ({@code magnetar.gateway.async.*}). Which hosts a callback may reach is {@code magnetar.gateway.callback-hosts}.
 *
 * @param retention            how long a finished call's result is kept after it finished; also how long an
 *                             accepted call may wait to start (its deadline), since nobody could read it later
 * @param maxKeptResults       most calls kept at once, accepted or finished: the oldest finished ones make room, and
 *                             a new call is refused with 429 when all are still pending
 * @param maxKeptBytes         most result bytes kept at once; the oldest finished results make room
 * @param callbackAttempts     how many times a callback is tried before it is given up
 * @param callbackInitialDelay the wait before the second attempt; it doubles for each one after
 * @param callbackMaxDelay     the longest wait between two attempts
 * @param callbackTimeout      how long one attempt may take, connecting and answering
 */
@ConfigurationProperties(AsyncConfig.PREFIX)
public record AsyncConfig(
        @Bindable(defaultValue = AsyncConfig.DEFAULT_RETENTION) Duration retention,
        @Bindable(defaultValue = "" + AsyncConfig.DEFAULT_MAX_KEPT_RESULTS) int maxKeptResults,
        @Bindable(defaultValue = AsyncConfig.DEFAULT_MAX_KEPT_BYTES) @ReadableBytes long maxKeptBytes,
        @Bindable(defaultValue = "" + AsyncConfig.DEFAULT_CALLBACK_ATTEMPTS) int callbackAttempts,
        @Bindable(defaultValue = AsyncConfig.DEFAULT_CALLBACK_INITIAL_DELAY) Duration callbackInitialDelay,
        @Bindable(defaultValue = AsyncConfig.DEFAULT_CALLBACK_MAX_DELAY) Duration callbackMaxDelay,
        @Bindable(defaultValue = AsyncConfig.DEFAULT_CALLBACK_TIMEOUT) Duration callbackTimeout) {

    public static final String PREFIX = "magnetar.gateway.async";
    public static final String RETENTION = PREFIX + ".retention";
    public static final String MAX_KEPT_RESULTS = PREFIX + ".max-kept-results";
    public static final String MAX_KEPT_BYTES = PREFIX + ".max-kept-bytes";
    public static final String CALLBACK_ATTEMPTS = PREFIX + ".callback-attempts";
    public static final String CALLBACK_INITIAL_DELAY = PREFIX + ".callback-initial-delay";
    public static final String CALLBACK_MAX_DELAY = PREFIX + ".callback-max-delay";
    public static final String CALLBACK_TIMEOUT = PREFIX + ".callback-timeout";
    public static final String DEFAULT_RETENTION = "10m";
    public static final int DEFAULT_MAX_KEPT_RESULTS = 10_000;
    public static final String DEFAULT_MAX_KEPT_BYTES = "64MB";
    public static final int DEFAULT_CALLBACK_ATTEMPTS = 5;
    public static final String DEFAULT_CALLBACK_INITIAL_DELAY = "1s";
    public static final String DEFAULT_CALLBACK_MAX_DELAY = "1m";
    public static final String DEFAULT_CALLBACK_TIMEOUT = "10s";

    public AsyncConfig {
        requirePositive(RETENTION, retention, DEFAULT_RETENTION);
        requirePositive(CALLBACK_INITIAL_DELAY, callbackInitialDelay, DEFAULT_CALLBACK_INITIAL_DELAY);
        requirePositive(CALLBACK_MAX_DELAY, callbackMaxDelay, DEFAULT_CALLBACK_MAX_DELAY);
        requirePositive(CALLBACK_TIMEOUT, callbackTimeout, DEFAULT_CALLBACK_TIMEOUT);
        if (maxKeptResults < 1) {
            throw new IllegalArgumentException(MAX_KEPT_RESULTS + " must be at least 1, was " + maxKeptResults);
        }
        if (maxKeptBytes < 1) {
            throw new IllegalArgumentException(MAX_KEPT_BYTES + " must be a positive size such as "
                    + DEFAULT_MAX_KEPT_BYTES + ", was " + maxKeptBytes);
        }
        if (callbackAttempts < 1) {
            throw new IllegalArgumentException(CALLBACK_ATTEMPTS + " must be at least 1, was " + callbackAttempts);
        }
        if (callbackMaxDelay.compareTo(callbackInitialDelay) < 0) {
            throw new IllegalArgumentException(CALLBACK_MAX_DELAY + " (" + callbackMaxDelay + ") must not be shorter"
                    + " than " + CALLBACK_INITIAL_DELAY + " (" + callbackInitialDelay + ")");
        }
    }

    /** The back-off between callback attempts these settings describe. */
    public CallbackSchedule callbackSchedule() {
        return new CallbackSchedule(callbackAttempts, callbackInitialDelay, callbackMaxDelay);
    }

    private static void requirePositive(String key, Duration value, String example) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as " + example + ", was " + value);
        }
    }
}
