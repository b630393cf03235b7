package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsCheckTest {

    @Test
    void aValueThatIsNotOfItsTypeStopsTheStartNamingTheSetting() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of(
                "magnetar.gateway.idempotency.ttl", "soon",
                "magnetar.gateway.idempotency.max-keys", "many",
                "magnetar.gateway.cors.max-age", "a while",
                "magnetar.gateway.max-pending", "1e3").entrySet()) {
            assertThatThrownBy(() -> ApplicationContext.run(Map.of(bad.getKey(), bad.getValue())).close())
                    .as(bad.getKey())
                    .hasStackTraceContaining(bad.getKey() + " must be")
                    .hasStackTraceContaining("'" + bad.getValue() + "'");
        }
    }

    @Test
    void valuesOfTheirTypesPass() {
        assertThatCode(() -> ApplicationContext.run(Map.of(
                "magnetar.gateway.idempotency.ttl", "1h",
                "magnetar.gateway.idempotency.max-keys", "500",
                "magnetar.gateway.cors.allow-credentials", "true",
                "magnetar.gateway.max-timeout", "30s")).close())
                .doesNotThrowAnyException();
    }
}
