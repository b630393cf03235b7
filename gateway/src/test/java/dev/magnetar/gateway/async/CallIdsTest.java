package dev.magnetar.gateway.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallIdsTest {

    @Test
    void aCallersSafeIdIsKept() {
        assertThat(CallIds.fromHeader("order-42_v1.2")).isEqualTo("order-42_v1.2");
        assertThat(CallIds.fromHeader("a".repeat(128))).hasSize(128);
    }

    @Test
    void noIdGetsAGeneratedOne() {
        String generated = CallIds.fromHeader(null);

        assertThat(CallIds.isSafe(generated)).isTrue();
        assertThat(CallIds.fromHeader("")).isNotEqualTo(generated);
    }

    @Test
    void anUnsafeIdIsRefusedNamingTheHeader() {
        for (String unsafe : new String[] {"../x", "a/b", ".hidden", "a b", "a\r\nX: y", "a".repeat(129), "é"}) {
            assertThatThrownBy(() -> CallIds.fromHeader(unsafe)).as(unsafe)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("header X-Call-Id");
        }
    }
}
