package dev.magnetar.gateway.http;

import dev.magnetar.gateway.async.CallbackHosts;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The HTTP gateway's limits and reply topic ({@code magnetar.gateway.*}).
 *
 * @param maxBodyBytes   largest request body accepted; larger gets 413
 * @param maxPending     most requests waiting for a reply at once; more get 429
 * @param maxTimeout     cap on a function's timeout and on the per-request override header
 * @param replyTenant    tenant of this instance's reply topic, and of the asynchronous calls' shared topics
 * @param replyNamespace namespace of this instance's reply topic, and of the asynchronous calls' shared topics
 * @param gatewayId      names this instance's reply topic; must differ between instances (random when unset)
 * @param maxProducers   most function input topics with an open producer
 * @param callbackHosts  hosts an asynchronous call's callback may be posted to; loopback only when unset
 * @param inputSchemaTtl how long the schema of a function's input topic is used before it is looked up again
 */
@ConfigurationProperties(GatewayConfig.PREFIX)
public record GatewayConfig(
        @Bindable(defaultValue = "" + GatewayConfig.DEFAULT_MAX_BODY_BYTES) long maxBodyBytes,
        @Bindable(defaultValue = "" + GatewayConfig.DEFAULT_MAX_PENDING) int maxPending,
        @Bindable(defaultValue = GatewayConfig.DEFAULT_MAX_TIMEOUT) Duration maxTimeout,
        @Bindable(defaultValue = "public") String replyTenant,
        @Bindable(defaultValue = "default") String replyNamespace,
        @Nullable String gatewayId,
        @Bindable(defaultValue = "" + GatewayConfig.DEFAULT_MAX_PRODUCERS) int maxProducers,
        @Nullable List<String> callbackHosts,
        @Bindable(defaultValue = GatewayConfig.DEFAULT_INPUT_SCHEMA_TTL) Duration inputSchemaTtl) {

    public static final String PREFIX = "magnetar.gateway";
    /** {@code false} leaves the gateway out of this process (e.g. the controller's pods on Kubernetes). */
    public static final String ENABLED_PROPERTY = PREFIX + ".enabled";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_PENDING = 10_000;
    public static final String DEFAULT_MAX_TIMEOUT = "5m";
    public static final int DEFAULT_MAX_PRODUCERS = 1_000;
    public static final String DEFAULT_INPUT_SCHEMA_TTL = "10s";

    public GatewayConfig {
        requirePositive("max-body-bytes", maxBodyBytes);
        requirePositive("max-pending", maxPending);
        requirePositive("max-producers", maxProducers);
        if (maxTimeout == null || maxTimeout.isZero() || maxTimeout.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".max-timeout must be a positive duration such as 5m, was "
                    + maxTimeout);
        }
        if (inputSchemaTtl == null || inputSchemaTtl.isZero() || inputSchemaTtl.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".input-schema-ttl must be a positive duration such as 10s,"
                    + " was " + inputSchemaTtl);
        }
        if (gatewayId == null || gatewayId.isBlank()) {
            gatewayId = UUID.randomUUID().toString().substring(0, 8);
        }
        callbackHosts = callbackHosts == null ? CallbackHosts.LOOPBACK : callbackHosts.stream()
                .map(String::trim).filter(host -> !host.isEmpty()).toList();
        for (String host : callbackHosts) {
            if (host.contains("/") || host.contains(" ")) {
                throw new IllegalArgumentException(CallbackHosts.PROPERTY + " lists host names or addresses, without"
                        + " scheme, port or path; '" + host + "' is not one");
            }
        }
    }

    private static void requirePositive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be at least 1, was " + value);
        }
    }
}
