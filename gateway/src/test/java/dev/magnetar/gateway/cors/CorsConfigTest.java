package dev.magnetar.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CorsConfigTest {

    @Nested
    @MicronautTest(startApplication = false)
    class Defaults {
        @Inject
        CorsConfig config;

        @Test
        void allowNoOrigin() {
            assertThat(config.enabled()).isFalse();
            assertThat(config.allowedOrigins()).isEmpty();
            assertThat(config.allowedMethods()).containsExactly("POST", "GET");
            assertThat(config.allowedHeaders()).isEmpty();
            assertThat(config.allowCredentials()).isFalse();
            assertThat(config.maxAge()).isEqualTo(Duration.ofMinutes(10));
        }
    }

    @Nested
    @MicronautTest(startApplication = false)
    @Property(name = "magnetar.gateway.cors.allowed-origins", value = "https://App.example.com, http://localhost:3000")
    @Property(name = "magnetar.gateway.cors.allowed-methods", value = "post")
    @Property(name = "magnetar.gateway.cors.allowed-headers", value = "Content-Type,Authorization")
    @Property(name = "magnetar.gateway.cors.allow-credentials", value = "true")
    class Overrides {
        @Inject
        CorsConfig config;

        @Test
        void areBound() {
            assertThat(config.allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
            assertThat(config.allowedMethods()).containsExactly("POST");
            assertThat(config.allowedHeaders()).containsExactly("Content-Type", "Authorization");
            assertThat(config.allowCredentials()).isTrue();
        }
    }

    @Test
    void anOriginWithAPathIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> config(List.of("https://app.example.com/"), List.of("POST"), List.of(), false))
                .hasMessageContaining(CorsConfig.ALLOWED_ORIGINS).hasMessageContaining("'https://app.example.com/'");
        assertThatThrownBy(() -> config(List.of("app.example.com"), List.of("POST"), List.of(), false))
                .hasMessageContaining(CorsConfig.ALLOWED_ORIGINS);
    }

    @Test
    void aMethodOrHeaderThatIsNoNameIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> config(List.of("*"), List.of("PO ST"), List.of(), false))
                .hasMessageContaining(CorsConfig.ALLOWED_METHODS);
        assertThatThrownBy(() -> config(List.of("*"), List.of("POST"), List.of("Content Type"), false))
                .hasMessageContaining(CorsConfig.ALLOWED_HEADERS);
    }

    @Test
    void credentialsForAnyOriginAreRefusedNamingBothProperties() {
        assertThatThrownBy(() -> config(List.of("*"), List.of("POST"), List.of(), true))
                .hasMessageContaining(CorsConfig.ALLOW_CREDENTIALS).hasMessageContaining(CorsConfig.ALLOWED_ORIGINS);
    }

    private static CorsConfig config(List<String> origins, List<String> methods, List<String> headers,
                                     boolean credentials) {
        return new CorsConfig(origins, methods, headers, List.of(), credentials, Duration.ofMinutes(10));
    }
}
