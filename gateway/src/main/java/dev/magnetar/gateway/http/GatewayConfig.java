package dev.magnetar.gateway.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.UUID;

/**
 * The HTTP gateway's limits and reply topic ({@code magnetar.gateway.*}).
 *
 * @param maxBodyBytes   largest request body accepted; larger gets 413
 * @param maxPending     most requests waiting for a reply at once; more get 429
 * @param maxTimeout     cap on a function's timeout and on the per-request override header
 * @param replyTenant    tenant of this instance's reply topic
 * @param replyNamespace namespace of this instance's reply topic
 * @param gatewayId      names this instance's reply topic; must differ between instances (random when unset)
 * @param maxProducers   most function input topics with an open producer
 */
@ConfigurationProperties(GatewayConfig.PREFIX)
public record GatewayConfig(
        @Bindable(defaultValue = "" + GatewayConfig.DEFAULT_MAX_BODY_BYTES) long maxBodyBytes,
        @Bindable(defaultValue = "" + GatewayConfig.DEFAULT_MAX_PENDING) int maxPending,
        @Bindable(defaultValue = GatewayConfig.DEFAULT_MAX_TIMEOUT) Duration maxTimeout,
        @Bindable(defaultValue = "public") String replyTenant,
        @Bindable(defaultValue = "default") String replyNamespace,
        @Nullable String gatewayId,
        @Bindable(defaultValue = "" + GatewayConfig.DEFAULT_MAX_PRODUCERS) int maxProducers) {

    public static final String PREFIX = "magnetar.gateway";
    /** {@code false} leaves the gateway out of this process (e.g. the controller's pods on Kubernetes). */
    public static final String ENABLED_PROPERTY = PREFIX + ".enabled";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_PENDING = 10_000;
    public static final String DEFAULT_MAX_TIMEOUT = "5m";
    public static final int DEFAULT_MAX_PRODUCERS = 1_000;

    public GatewayConfig {
        requirePositive("max-body-bytes", maxBodyBytes);
        requirePositive("max-pending", maxPending);
        requirePositive("max-producers", maxProducers);
        if (maxTimeout == null || maxTimeout.isZero() || maxTimeout.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".max-timeout must be a positive duration such as 5m, was "
                    + maxTimeout);
        }
        if (gatewayId == null || gatewayId.isBlank()) {
            gatewayId = UUID.randomUUID().toString().substring(0, 8);
        }
    }

    private static void requirePositive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be at least 1, was " + value);
        }
    }
}
