package dev.magnetar.gateway.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long and how many answers the gateway keeps for calls sent with an {@code Idempotency-Key}
 * ({@code magnetar.gateway.idempotency.*}).
 *
 * @param ttl     how long a key is remembered after its first call: a repeat within it gets the first answer
 * @param maxKeys most keys remembered at once by this instance; beyond it the least used are forgotten first
 */
@ConfigurationProperties(IdempotencyConfig.PREFIX)
public record IdempotencyConfig(
        @Bindable(defaultValue = IdempotencyConfig.DEFAULT_TTL) Duration ttl,
        @Bindable(defaultValue = "" + IdempotencyConfig.DEFAULT_MAX_KEYS) int maxKeys) {

    public static final String PREFIX = "magnetar.gateway.idempotency";
    public static final String TTL = PREFIX + ".ttl";
    public static final String MAX_KEYS = PREFIX + ".max-keys";
    /** As long as Stripe keeps its keys: a client retrying after an outage of up to a day is still recognised. */
    public static final String DEFAULT_TTL = "24h";
    public static final int DEFAULT_MAX_KEYS = 10_000;

    public IdempotencyConfig {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException(TTL + " must be a positive duration such as " + DEFAULT_TTL + ", was "
                    + ttl);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException(MAX_KEYS + " must be at least 1, was " + maxKeys);
        }
    }
}
