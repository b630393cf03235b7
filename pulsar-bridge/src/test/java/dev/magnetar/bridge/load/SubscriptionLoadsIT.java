package dev.magnetar.bridge.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.SubscriptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against the embedded broker, which keeps Pulsar's default stats period (60 s, the first dump 60 s after it
 * started): every reading here must be right at once, so it comes from the topics' own stats.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class SubscriptionLoadsIT {
    /** Urgent readings are never reused: each read asks the broker again. */
    private static final SubscriptionLoads.Settings EVERY_CALL =
            new SubscriptionLoads.Settings(Duration.ofSeconds(5), Duration.ZERO, 20, Duration.ofSeconds(10));

    private EmbeddedPulsar pulsar;
    private PulsarAdmin admin;
    private SubscriptionLoads loads;

    @BeforeEach
    void setUp(EmbeddedPulsar pulsar) {
        this.pulsar = pulsar;
        this.admin = pulsar.admin();
        this.loads = new SubscriptionLoads(admin, EVERY_CALL, Clock.systemUTC());
    }

    @Test
    void backlogAndRatesAreThoseOfNowWhateverTheBrokersDumpSays() throws Exception {
        String topic = pulsar.uniqueTopic("loads");
        admin.topics().createNonPartitionedTopic(topic);
        admin.topics().createSubscription(topic, "fn", MessageId.earliest);
        SubscriptionRef ref = new SubscriptionRef(topic, "fn");
        try (Producer<byte[]> producer = pulsar.client().newProducer().topic(topic).create()) {
            publish(producer, 30);
            assertThat(read(ref).backlog()).isEqualTo(30);

            try (Consumer<byte[]> consumer = pulsar.client().newConsumer().topic(topic).subscriptionName("fn")
                    .subscriptionType(SubscriptionType.Shared).receiverQueueSize(5).subscribe()) {
                for (int i = 0; i < 10; i++) {
                    Message<byte[]> message = consumer.receive();
                    consumer.acknowledge(message);
                }
                publish(producer, 40);
                SubscriptionLoad load = read(ref);
                assertThat(load.backlog()).isEqualTo(60);
                assertThat(load.source()).isEqualTo(SubscriptionLoad.Source.LIVE);
                assertThat(load.rateIn()).as("from two readings of the broker's totals").isPositive();
                assertThat(load.unacked()).as("what the consumer holds, acknowledged or not yet").isPositive();
            }
        }
        assertThat(loads.snapshotPeriod()).as("the broker's own setting")
                .isEqualTo(Duration.ofSeconds(Long.parseLong(admin.brokers().getRuntimeConfigurations()
                        .get(AdminStatsSource.STATS_PERIOD_SETTING))));
    }

    @Test
    void aPartitionedTopicsBacklogIsItsPartitionsTogether() throws Exception {
        String topic = pulsar.uniqueTopic("loads-partitioned");
        admin.topics().createPartitionedTopic(topic, 3);
        admin.topics().createSubscription(topic, "fn", MessageId.earliest);
        try (Producer<byte[]> producer = pulsar.client().newProducer().topic(topic).create()) {
            publish(producer, 25);
        }

        assertThat(read(new SubscriptionRef(topic, "fn")).backlog()).isEqualTo(25);
    }

    @Test
    void aSubscriptionThatDoesNotExistIsUnknown() throws Exception {
        String topic = pulsar.uniqueTopic("loads-missing");
        admin.topics().createNonPartitionedTopic(topic);
        SubscriptionRef missingSubscription = new SubscriptionRef(topic, "nobody");
        SubscriptionRef missingTopic = new SubscriptionRef(pulsar.uniqueTopic("never-created"), "fn");

        Loads read = loads.read(List.of(missingSubscription, missingTopic));

        assertThat(read.get(missingSubscription)).isEmpty();
        assertThat(read.get(missingTopic)).isEmpty();
    }

    private SubscriptionLoad read(SubscriptionRef ref) {
        return loads.read(List.of(ref), Set.of(ref)).get(ref).orElseThrow();
    }

    private static void publish(Producer<byte[]> producer, int messages) throws Exception {
        for (int i = 0; i < messages; i++) {
            producer.send(("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }
}
