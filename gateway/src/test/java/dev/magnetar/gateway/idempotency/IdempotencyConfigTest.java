package dev.magnetar.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdempotencyConfigTest {

    @Nested
    @MicronautTest(startApplication = false)
    class Defaults {
        @Inject
        IdempotencyConfig config;

        @Test
        void haveTheDocumentedValues() {
            assertThat(config.ttl()).isEqualTo(Duration.ofHours(24));
            assertThat(config.maxKeys()).isEqualTo(10_000);
        }
    }

    @Nested
    @MicronautTest(startApplication = false)
    @Property(name = "magnetar.gateway.idempotency.ttl", value = "1h")
    @Property(name = "magnetar.gateway.idempotency.max-keys", value = "500")
    class Overrides {
        @Inject
        IdempotencyConfig config;

        @Test
        void areBound() {
            assertThat(config.ttl()).isEqualTo(Duration.ofHours(1));
            assertThat(config.maxKeys()).isEqualTo(500);
        }
    }

    @Test
    void aTtlThatIsNotPositiveIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new IdempotencyConfig(Duration.ZERO, 1))
                .hasMessageContaining("magnetar.gateway.idempotency.ttl");
    }

    @Test
    void noRoomForKeysIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new IdempotencyConfig(Duration.ofHours(1), 0))
                .hasMessageContaining("magnetar.gateway.idempotency.max-keys").hasMessageContaining("was 0");
    }

    @Test
    void aKeyMustBeVisibleAsciiOfAtMost255Characters() {
        assertThat(IdempotencyKey.from(null)).isNull();
        assertThat(IdempotencyKey.from("8e03978e-40d5-43e8-bc93-6894a57f9324")).isNotNull();
        for (String bad : new String[] {"", "a b", "x".repeat(256), "caf\u00e9"}) {
            assertThatThrownBy(() -> IdempotencyKey.from(bad)).hasMessageContaining("Idempotency-Key");
        }
    }
}
