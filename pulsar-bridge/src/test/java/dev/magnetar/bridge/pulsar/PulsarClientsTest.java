package dev.magnetar.bridge.pulsar;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PulsarClientsTest {

    @Test
    void aMalformedServiceUrlNamesTheConfigurationKey() {
        assertThatThrownBy(() -> PulsarClients.client(new PulsarConnection("localhost:6650", "http://x:8080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magnetar.pulsar.service-url=localhost:6650");
    }

    @Test
    void anEmptyAdminUrlNamesTheConfigurationKey() {
        assertThatThrownBy(() -> PulsarClients.admin(new PulsarConnection("pulsar://x:6650", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magnetar.pulsar.admin-url is empty");
    }
}
