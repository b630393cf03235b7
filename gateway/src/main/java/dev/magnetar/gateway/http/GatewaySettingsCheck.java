package dev.magnetar.gateway.http;

import dev.magnetar.gateway.async.AsyncConfig;
import dev.magnetar.gateway.cors.CorsConfig;
import dev.magnetar.gateway.idempotency.IdempotencyConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.value.PropertyResolver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Micronaut binds a setting it cannot convert (a {@code ttl} of {@code soon}) as if it were not set, so the default
 * would apply in silence. The gateway's typed settings are checked at start instead: such a value stops it with a
 * line naming the setting and what it takes.
 */
@Context
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class GatewaySettingsCheck {
    private static final Map<String, Class<?>> TYPED = typed();

    public GatewaySettingsCheck(PropertyResolver settings) {
        check(settings);
    }

    /** @throws IllegalArgumentException naming the first setting whose value is not of its type */
    static void check(PropertyResolver settings) {
        TYPED.forEach((name, type) -> {
            Optional<String> raw = settings.getProperty(name, String.class);
            if (raw.isPresent() && settings.getProperty(name, type).isEmpty()) {
                throw new IllegalArgumentException(name + " must be " + kind(type) + ", was '" + raw.get() + "'");
            }
        });
    }

    private static String kind(Class<?> type) {
        if (type == Duration.class) {
            return "a duration such as 500ms, 10s, 5m or 24h";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "a whole number";
    }

    private static Map<String, Class<?>> typed() {
        Map<String, Class<?>> typed = new LinkedHashMap<>();
        String gateway = GatewayConfig.PREFIX + ".";
        typed.put(gateway + "max-body-bytes", Long.class);
        typed.put(gateway + "max-pending", Integer.class);
        typed.put(gateway + "max-timeout", Duration.class);
        typed.put(gateway + "max-producers", Integer.class);
        typed.put(gateway + "input-schema-ttl", Duration.class);
        typed.put(IdempotencyConfig.TTL, Duration.class);
        typed.put(IdempotencyConfig.MAX_KEYS, Integer.class);
        typed.put(CorsConfig.ALLOW_CREDENTIALS, Boolean.class);
        typed.put(CorsConfig.MAX_AGE, Duration.class);
        typed.put(AsyncConfig.RETENTION, Duration.class);
        typed.put(AsyncConfig.MAX_KEPT_RESULTS, Integer.class);
        typed.put(AsyncConfig.CALLBACK_ATTEMPTS, Integer.class);
        typed.put(AsyncConfig.CALLBACK_INITIAL_DELAY, Duration.class);
        typed.put(AsyncConfig.CALLBACK_MAX_DELAY, Duration.class);
        typed.put(AsyncConfig.CALLBACK_TIMEOUT, Duration.class);
        return typed;
    }
}
