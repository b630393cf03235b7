package dev.magnetar.controlplane.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenPolicyTest {
    @Test
    void loopbackNeedsNoAuthentication() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertThatCode(() -> ListenPolicy.check(host, auth(false, false))).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void anyOtherAddressNeedsAuthenticationOrTheExplicitOverride() {
        for (String host : new String[] {"0.0.0.0", "", null}) {
            assertThatThrownBy(() -> ListenPolicy.check(host, auth(false, false))).as(String.valueOf(host))
                    .hasMessageContaining("refusing to listen on")
                    .hasMessageContaining("magnetar.auth.enabled=true")
                    .hasMessageContaining("--insecure-no-auth");
            assertThatCode(() -> ListenPolicy.check(host, auth(true, false))).doesNotThrowAnyException();
            assertThatCode(() -> ListenPolicy.check(host, auth(false, true))).doesNotThrowAnyException();
        }
    }

    private static AuthConfig auth(boolean enabled, boolean insecure) {
        return new AuthConfig(enabled, null, null, null, "RS256", "sub", "aud", null, Duration.ZERO, Duration.ofSeconds(10),
                insecure, null);
    }
}
