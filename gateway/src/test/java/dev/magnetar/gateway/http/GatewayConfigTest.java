package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Nested
    @MicronautTest(startApplication = false)
    class Defaults {
        @Inject
        GatewayConfig config;

        @Test
        void haveTheDocumentedValues() {
            assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
            assertThat(config.maxPending()).isEqualTo(10_000);
            assertThat(config.maxTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(config.replyTenant()).isEqualTo("public");
            assertThat(config.replyNamespace()).isEqualTo("default");
            assertThat(config.gatewayId()).isNotBlank();
            assertThat(config.maxProducers()).isEqualTo(1_000);
            assertThat(config.callbackHosts()).containsExactly("127.0.0.1", "localhost", "::1");
        }
    }

    @Nested
    @MicronautTest(startApplication = false)
    @Property(name = "magnetar.gateway.max-body-bytes", value = "2048")
    @Property(name = "magnetar.gateway.max-pending", value = "3")
    @Property(name = "magnetar.gateway.max-timeout", value = "10s")
    @Property(name = "magnetar.gateway.reply-tenant", value = "ops")
    @Property(name = "magnetar.gateway.reply-namespace", value = "gateways")
    @Property(name = "magnetar.gateway.gateway-id", value = "gw-1")
    @Property(name = "magnetar.gateway.callback-hosts", value = "hooks.example.com, 10.0.0.7")
    class Overrides {
        @Inject
        GatewayConfig config;

        @Test
        void areBound() {
            assertThat(config.maxBodyBytes()).isEqualTo(2048);
            assertThat(config.maxPending()).isEqualTo(3);
            assertThat(config.maxTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(config.replyTenant()).isEqualTo("ops");
            assertThat(config.replyNamespace()).isEqualTo("gateways");
            assertThat(config.gatewayId()).isEqualTo("gw-1");
            assertThat(config.callbackHosts()).containsExactly("hooks.example.com", "10.0.0.7");
        }
    }

    @Test
    void aCallbackHostWithASchemeOrPathIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new GatewayConfig(1, 1, Duration.ofSeconds(1), "public", "default", "gw", 1,
                List.of("https://hooks.example.com/in"), Duration.ofSeconds(10)))
                .hasMessageContaining("magnetar.gateway.callback-hosts")
                .hasMessageContaining("'https://hooks.example.com/in'");
    }

    @Test
    void aZeroInputSchemaTtlIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new GatewayConfig(1, 1, Duration.ofSeconds(1), "public", "default", "gw", 1,
                null, Duration.ZERO))
                .hasMessageContaining("magnetar.gateway.input-schema-ttl");
    }
}
