package dev.magnetar.security.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicaAccessTest {
    @Test
    void derivesOneStableTokenPerFunctionAndKey() {
        ReplicaAccess access = ReplicaAccess.random();

        assertThat(access.tokenFor("t/ns/a")).isEqualTo(access.tokenFor("t/ns/a"))
                .isNotEqualTo(access.tokenFor("t/ns/b"))
                .isNotEqualTo(ReplicaAccess.random().tokenFor("t/ns/a"));
    }

    @Test
    void matchesOnlyTheExactToken() {
        String token = ReplicaAccess.random().tokenFor("t/ns/a");

        assertThat(ReplicaAccess.matches(token, token)).isTrue();
        assertThat(ReplicaAccess.matches(token, token + "x")).isFalse();
        assertThat(ReplicaAccess.matches(token, null)).isFalse();
        assertThat(ReplicaAccess.matches(null, token)).isFalse();
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new ReplicaAccess(new byte[8])).hasMessageContaining("at least 32 bytes");
    }
}
