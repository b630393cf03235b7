package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvocationTimeoutTest {
    private static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void usesTheFunctionTimeoutWithoutHeader() {
        assertThat(InvocationTimeout.resolve(30_000, null, MAX)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theHeaderOverridesTheFunctionTimeout() {
        assertThat(InvocationTimeout.resolve(30_000, " 250 ", MAX)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void bothAreCappedByTheMaximum() {
        assertThat(InvocationTimeout.resolve(30_000, "999999999", MAX)).isEqualTo(MAX);
        assertThat(InvocationTimeout.resolve(3_600_000, null, MAX)).isEqualTo(MAX);
    }

    @Test
    void rejectsAHeaderThatIsNotAPositiveNumber() {
        assertThatThrownBy(() -> InvocationTimeout.resolve(30_000, "soon", MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(InvocationTimeout.HEADER).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> InvocationTimeout.resolve(30_000, "0", MAX))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
