package dev.magnetar.gateway.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackHostsTest {
    private final CallbackHosts loopback = new CallbackHosts(CallbackHosts.LOOPBACK);

    @Test
    void loopbackCallbacksAreAllowedByDefault() {
        assertThat(loopback.check("http://127.0.0.1:8000/cb").getPort()).isEqualTo(8000);
        assertThat(loopback.check("https://LOCALHOST/cb?token=x").getHost()).isEqualTo("LOCALHOST");
        assertThat(loopback.check("http://[::1]:9/cb").getHost()).isEqualTo("[::1]");
    }

    @Test
    void anotherHostIsRefusedNamingTheHeaderTheHostAndTheSetting() {
        assertThatThrownBy(() -> loopback.check("http://metadata.internal/latest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Callback-Url")
                .hasMessageContaining("'metadata.internal'")
                .hasMessageContaining("magnetar.gateway.callback-hosts")
                .hasMessageContaining("127.0.0.1, localhost, ::1");
        // The user part of a URL is not its host.
        assertThatThrownBy(() -> loopback.check("http://127.0.0.1@evil.example/cb"))
                .hasMessageContaining("'evil.example'");
    }

    @Test
    void onlyHttpAndHttpsWithAHost() {
        assertThatThrownBy(() -> loopback.check("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> loopback.check("gopher://127.0.0.1/")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> loopback.check("/relative")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> loopback.check("http:///cb")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> loopback.check("http://127.0.0.1/a b")).hasMessageContaining("is not a URL");
    }

    @Test
    void theOperatorsListReplacesLoopback() {
        CallbackHosts hosts = new CallbackHosts(List.of(" Hooks.Example.com ", ""));

        assertThat(hosts.hosts()).containsExactly("hooks.example.com");
        assertThat(hosts.check("https://hooks.example.com/in").getHost()).isEqualTo("hooks.example.com");
        assertThatThrownBy(() -> hosts.check("http://127.0.0.1/cb")).hasMessageContaining("'127.0.0.1'");
        assertThatThrownBy(() -> new CallbackHosts(List.of()).check("http://127.0.0.1/cb"))
                .hasMessageContaining("no callbacks are allowed");
    }
}
