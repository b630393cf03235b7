package dev.magnetar.bridge.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import dev.magnetar.standalone.testing.TestCertificates;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application's clients over the embedded broker's TLS ports, with hostname verification, in each form of trust
 * and client certificate. The broker asks for a client certificate and checks one presented against its own: a
 * certificate the client cannot read, or one the broker does not trust, fails the connection.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class PulsarClientsTlsIT {

    @Test
    void aTrustStoreAndAKeyStoreIdentityCarryBothClients(EmbeddedPulsar pulsar) throws Exception {
        TestCertificates certs = pulsar.certificates();
        roundTrip(pulsar, tls(pulsar).withTls(
                PulsarTrust.trustStore(certs.trustStore().toString(), TestCertificates.TYPE, certs.password()),
                PulsarTlsIdentity.keyStore(certs.keyStore().toString(), TestCertificates.TYPE, certs.password())));
    }

    @Test
    void aPemTrustAndAPemIdentityCarryBothClients(EmbeddedPulsar pulsar) throws Exception {
        TestCertificates certs = pulsar.certificates();
        roundTrip(pulsar, tls(pulsar).withTls(PulsarTrust.certsFile(certs.trustCertsFile().toString()),
                PulsarTlsIdentity.pem(certs.certFile().toString(), certs.keyFile().toString())));
    }

    @Test
    void aTokenTravelsOverTlsWithATrustStore(EmbeddedPulsar pulsar) throws Exception {
        TestCertificates certs = pulsar.certificates();
        PulsarConnection connection = new PulsarConnection(pulsar.tlsServiceUrl(), pulsar.tlsAdminUrl(), "a-jwt")
                .withTls(PulsarTrust.trustStore(certs.trustStore().toString(), null, certs.password()),
                        PulsarTlsIdentity.NONE);
        roundTrip(pulsar, connection);
    }

    private static PulsarConnection tls(EmbeddedPulsar pulsar) {
        return new PulsarConnection(pulsar.tlsServiceUrl(), pulsar.tlsAdminUrl());
    }

    private static void roundTrip(EmbeddedPulsar pulsar, PulsarConnection connection) throws Exception {
        String topic = pulsar.uniqueTopic("tls-clients");
        try (PulsarAdmin admin = PulsarClients.admin(connection);
             PulsarClient client = PulsarClients.client(connection)) {
            admin.topics().createNonPartitionedTopic(topic);
            try (Consumer<byte[]> consumer = client.newConsumer().topic(topic).subscriptionName("it").subscribe();
                 Producer<byte[]> producer = PulsarClients.lowLatencyProducer(client, topic).create()) {
                producer.send("over tls".getBytes());
                Message<byte[]> message = consumer.receive(30, TimeUnit.SECONDS);
                assertThat(message).isNotNull();
                assertThat(new String(message.getValue())).isEqualTo("over tls");
            }
            assertThat(admin.topics().getList("public/default")).contains(topic);
        }
    }
}
