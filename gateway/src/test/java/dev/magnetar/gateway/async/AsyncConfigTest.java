package dev.magnetar.gateway.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AsyncConfigTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Nested
    @MicronautTest(startApplication = false)
    class Defaults {
        @Inject
        AsyncConfig config;

        @Test
        void haveTheDocumentedValues() {
            assertThat(config.retention()).isEqualTo(Duration.ofMinutes(10));
            assertThat(config.maxKeptResults()).isEqualTo(10_000);
            assertThat(config.maxKeptBytes()).isEqualTo(64L * 1024 * 1024);
            assertThat(config.callbackAttempts()).isEqualTo(5);
            assertThat(config.callbackInitialDelay()).isEqualTo(SECOND);
            assertThat(config.callbackMaxDelay()).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.callbackTimeout()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Nested
    @MicronautTest(startApplication = false)
    @Property(name = "magnetar.gateway.async.retention", value = "30s")
    @Property(name = "magnetar.gateway.async.max-kept-results", value = "5")
    @Property(name = "magnetar.gateway.async.max-kept-bytes", value = "1KB")
    @Property(name = "magnetar.gateway.async.callback-attempts", value = "2")
    @Property(name = "magnetar.gateway.async.callback-initial-delay", value = "100ms")
    @Property(name = "magnetar.gateway.async.callback-max-delay", value = "2s")
    @Property(name = "magnetar.gateway.async.callback-timeout", value = "3s")
    class Overrides {
        @Inject
        AsyncConfig config;

        @Test
        void areBound() {
            assertThat(config.retention()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.maxKeptResults()).isEqualTo(5);
            assertThat(config.maxKeptBytes()).isEqualTo(1024);
            assertThat(config.callbackSchedule()).isEqualTo(new CallbackSchedule(2, Duration.ofMillis(100),
                    Duration.ofSeconds(2)));
            assertThat(config.callbackTimeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void invalidValuesAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new AsyncConfig(Duration.ZERO, 1, 1, 1, SECOND, SECOND, SECOND))
                .hasMessageContaining("magnetar.gateway.async.retention must be a positive duration");
        assertThatThrownBy(() -> new AsyncConfig(SECOND, 0, 1, 1, SECOND, SECOND, SECOND))
                .hasMessageContaining("magnetar.gateway.async.max-kept-results must be at least 1, was 0");
        assertThatThrownBy(() -> new AsyncConfig(SECOND, 1, 0, 1, SECOND, SECOND, SECOND))
                .hasMessageContaining("magnetar.gateway.async.max-kept-bytes must be a positive size");
        assertThatThrownBy(() -> new AsyncConfig(SECOND, 1, 1, 0, SECOND, SECOND, SECOND))
                .hasMessageContaining("magnetar.gateway.async.callback-attempts must be at least 1");
        assertThatThrownBy(() -> new AsyncConfig(SECOND, 1, 1, 1, SECOND, Duration.ofMillis(10), SECOND))
                .hasMessageContaining("magnetar.gateway.async.callback-max-delay")
                .hasMessageContaining("magnetar.gateway.async.callback-initial-delay");
        assertThatThrownBy(() -> new AsyncConfig(SECOND, 1, 1, 1, SECOND, SECOND, null))
                .hasMessageContaining("magnetar.gateway.async.callback-timeout");
    }
}
