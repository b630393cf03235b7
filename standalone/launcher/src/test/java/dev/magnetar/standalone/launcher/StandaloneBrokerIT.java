package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared embedded broker as clients see it: messages flow, policies work, settings hold. */
@ExtendWith(EmbeddedPulsarExtension.class)
class StandaloneBrokerIT {

    @Test
    void messagesPublishedToATopicReachASharedSubscription(EmbeddedPulsar pulsar) throws Exception {
        String topic = pulsar.uniqueTopic("round-trip");
        try (Consumer<String> consumer = pulsar.client().newConsumer(Schema.STRING).topic(topic)
                .subscriptionName("it").subscriptionType(SubscriptionType.Shared).subscribe();
             Producer<String> producer = pulsar.client().newProducer(Schema.STRING).topic(topic).create()) {
            for (int i = 0; i < 100; i++) {
                producer.sendAsync("m" + i);
            }
            producer.flush();
            for (int i = 0; i < 100; i++) {
                Message<String> message = consumer.receive(30, TimeUnit.SECONDS);
                assertThat(message).as("message %d of 100", i).isNotNull();
                assertThat(message.getValue()).isEqualTo("m" + i);
                consumer.acknowledge(message);
            }
        }
        assertThat(pulsar.admin().topics().getStats(topic).getSubscriptions().get("it").getMsgBacklog()).isZero();
    }

    @Test
    void runsAsTheStandaloneClusterWithPublicDefaultNamespaceAndSingleBookieQuorums(EmbeddedPulsar pulsar)
            throws Exception {
        assertThat(pulsar.admin().clusters().getClusters()).containsExactly("standalone");
        assertThat(pulsar.admin().namespaces().getNamespaces("public")).contains("public/default");
        String topic = pulsar.uniqueTopic("quorum");
        pulsar.admin().topics().createNonPartitionedTopic(topic);
        var internal = pulsar.admin().topics().getInternalStats(topic);
        assertThat(internal.ledgers).isNotEmpty();
        List<String> brokers = pulsar.admin().brokers().getActiveBrokers("standalone");
        assertThat(brokers).hasSize(1);
    }

    @Test
    void deduplicationCanBeEnabledPerNamespace(EmbeddedPulsar pulsar) throws Exception {
        String namespace = "public/dedup-" + Long.toHexString(System.nanoTime());
        pulsar.admin().namespaces().createNamespace(namespace);
        pulsar.admin().namespaces().setDeduplicationStatus(namespace, true);
        String topic = "persistent://" + namespace + "/dedup";
        try (Producer<byte[]> producer = pulsar.client().newProducer().topic(topic).producerName("stable")
                .enableBatching(false).create()) {
            producer.newMessage().sequenceId(1).value(bytes("first")).send();
            producer.newMessage().sequenceId(1).value(bytes("duplicate")).send();
            producer.newMessage().sequenceId(2).value(bytes("second")).send();
        }
        try (Reader<byte[]> reader = pulsar.client().newReader().topic(topic).startMessageId(MessageId.earliest)
                .create()) {
            assertThat(text(reader.readNext(30, TimeUnit.SECONDS))).isEqualTo("first");
            assertThat(text(reader.readNext(30, TimeUnit.SECONDS))).isEqualTo("second");
            assertThat(reader.hasMessageAvailable()).as("the duplicate was dropped").isFalse();
        }
        assertThat(pulsar.admin().namespaces().getDeduplicationStatus(namespace)).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message<byte[]> message) {
        assertThat(message).isNotNull();
        return new String(message.getValue(), StandardCharsets.UTF_8);
    }
}
