package dev.magnetar.operator.chart;

import static dev.magnetar.operator.chart.ChartTemplates.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's browser (CORS) and Idempotency-Key settings, from the chart's values to the gateway's environment. */
class ChartGatewaySettingsTest {

    @Test
    void byDefaultNoOriginMayCallAndKeysAreKeptADay() {
        Map<String, String> env = gatewayEnv(Map.of());

        assertThat(env).doesNotContainKeys("MAGNETAR_GATEWAY_CORS_ALLOWED_ORIGINS", "MAGNETAR_GATEWAY_CORS_ALLOWED_HEADERS")
                .containsEntry("MAGNETAR_GATEWAY_CORS_ALLOW_CREDENTIALS", "false")
                .containsEntry("MAGNETAR_GATEWAY_CORS_MAX_AGE", "10m")
                .containsEntry("MAGNETAR_GATEWAY_IDEMPOTENCY_TTL", "24h")
                .containsEntry("MAGNETAR_GATEWAY_IDEMPOTENCY_MAX_KEYS", "10000");
    }

    @Test
    void listedOriginsHeadersAndKeyLimitsReachTheGateway() {
        Map<String, String> env = gatewayEnv(Map.of(
                "gateway.cors.allowedOrigins[0]", "https://app.example.com",
                "gateway.cors.allowedOrigins[1]", "https://admin.example.com",
                "gateway.cors.allowedHeaders[0]", "Content-Type", "gateway.cors.allowedHeaders[1]", "Idempotency-Key",
                "gateway.cors.allowCredentials", "true", "gateway.cors.maxAge", "1h",
                "gateway.idempotency.ttl", "2h", "gateway.idempotency.maxKeys", "50000"));

        assertThat(env).containsEntry("MAGNETAR_GATEWAY_CORS_ALLOWED_ORIGINS",
                        "https://app.example.com,https://admin.example.com")
                .containsEntry("MAGNETAR_GATEWAY_CORS_ALLOWED_HEADERS", "Content-Type,Idempotency-Key")
                .containsEntry("MAGNETAR_GATEWAY_CORS_ALLOW_CREDENTIALS", "true")
                .containsEntry("MAGNETAR_GATEWAY_CORS_MAX_AGE", "1h")
                .containsEntry("MAGNETAR_GATEWAY_IDEMPOTENCY_TTL", "2h")
                .containsEntry("MAGNETAR_GATEWAY_IDEMPOTENCY_MAX_KEYS", "50000");
    }

    private static Map<String, String> gatewayEnv(Map<String, Object> values) {
        return ChartTemplates.plainEnv(ChartTemplates.deployment(render(values), "magnetar-gateway"));
    }
}
