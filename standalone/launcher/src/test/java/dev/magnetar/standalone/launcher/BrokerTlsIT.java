package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import dev.magnetar.standalone.testing.TestCertificates;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared broker's TLS ports, beside its plain ones: trusted clients get through, others do not. */
@ExtendWith(EmbeddedPulsarExtension.class)
class BrokerTlsIT {

    @Test
    void aClientTrustingTheBrokersCertificateSendsAndReceivesOverTls(EmbeddedPulsar pulsar) throws Exception {
        assertThat(pulsar.tlsServiceUrl()).startsWith("pulsar+ssl://127.0.0.1:");
        String topic = pulsar.uniqueTopic("tls");
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.tlsServiceUrl())
                .useKeyStoreTls(true).tlsTrustStoreType(TestCertificates.TYPE)
                .tlsTrustStorePath(pulsar.trustStore().toString()).tlsTrustStorePassword(pulsar.trustStorePassword())
                .enableTlsHostnameVerification(true).build();
             Consumer<String> consumer = client.newConsumer(Schema.STRING).topic(topic).subscriptionName("it").subscribe();
             Producer<String> producer = client.newProducer(Schema.STRING).topic(topic).create()) {
            producer.send("over tls");
            Message<String> message = consumer.receive(30, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(message.getValue()).isEqualTo("over tls");
        }
    }

    @Test
    void theAdminApiAnswersOverHttpsToAClientTrustingThePemCertificate(EmbeddedPulsar pulsar) throws Exception {
        assertThat(pulsar.tlsAdminUrl()).startsWith("https://127.0.0.1:");
        try (PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(pulsar.tlsAdminUrl())
                .tlsTrustCertsFilePath(pulsar.certificates().trustCertsFile().toString())
                .enableTlsHostnameVerification(true).build()) {
            assertThat(admin.clusters().getClusters()).containsExactly("standalone");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect(EmbeddedPulsar pulsar) throws Exception {
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.tlsServiceUrl())
                .operationTimeout(3, TimeUnit.SECONDS).build()) {
            assertThatThrownBy(() -> client.newProducer().topic(pulsar.uniqueTopic("untrusted")).create())
                    .isInstanceOf(PulsarClientException.class);
        }
    }
}
