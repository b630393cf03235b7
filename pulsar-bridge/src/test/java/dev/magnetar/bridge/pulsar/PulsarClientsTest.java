package dev.magnetar.bridge.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.impl.ProducerBuilderImpl;
import org.apache.pulsar.client.impl.conf.ProducerConfigurationData;
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

    @Test
    void aRequestLeavesAtOnceAndAFullQueueFailsInsteadOfBlocking() throws Exception {
        try (PulsarClient client = PulsarClients.client(new PulsarConnection("pulsar://127.0.0.1:1", "http://x:8080"))) {
            ProducerConfigurationData conf = ((ProducerBuilderImpl<byte[]>) PulsarClients.lowLatencyProducer(client,
                    "persistent://public/default/requests")).getConf();

            assertThat(conf.isBatchingEnabled()).isFalse();
            assertThat(conf.isBlockIfQueueFull()).isFalse();
            assertThat(conf.getTopicName()).isEqualTo("persistent://public/default/requests");
        }
    }
}
