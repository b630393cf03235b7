package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.ManualAckFunction;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * autoAck false, on a real replica: the function settles its messages through {@code Context.getCurrentRecord()}. What
 * it acks is gone; what it leaves unacked stays in the backlog and comes back to the next replica; what it fails is
 * redelivered.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class ManualAckIT {
    private static final int ACKED = 5;

    @Test
    void onlyWhatTheFunctionAcksLeavesTheSubscription(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("manual-in");
        String out = pulsar.uniqueTopic("manual-out");
        Function function = Definitions.define(Inputs.uniqueName("manual"), ManualAckFunction.class, FixtureJar.path(),
                in, out);
        function.getSpec().setAutoAck(false);
        function.getSpec().setMaxRedeliveries(0); // a failed message comes back, never to a dead-letter topic
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            try (ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady()) {
                for (int i = 0; i < ACKED; i++) {
                    producer.send("ack-" + i);
                }
                producer.send("keep");
                producer.send("fail");

                await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == ACKED + 2);
                // The failed message is negatively acked and redelivered: processed again, output again.
                await().atMost(Duration.ofSeconds(30)).until(() -> output.count("fail!") >= 2);
                // Acked ones leave; the kept one (and the failed one, between its redeliveries) stay.
                await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) <= 2);
                assertThat(Inputs.backlog(pulsar, in, subscription)).isGreaterThanOrEqualTo(1);
                assertThat(output.count("keep!")).as("not redelivered while its consumer is connected").isEqualTo(1);
                // An unacked message holds no slot once its output is stored (the failed one is in hand only while
                // one of its redeliveries runs).
                await().atMost(Duration.ofSeconds(10)).until(() -> replica.metric("magnetar_messages_in_flight") == 0);
            }
            try (ReplicaProcess next = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady()) {
                // The replica that never acked it is gone: the message goes to the next one.
                await().atMost(Duration.ofSeconds(30)).until(() -> output.count("keep!") == 2);
                for (int i = 0; i < ACKED; i++) {
                    assertThat(output.count("ack-" + i + "!")).as("acked, so never redelivered").isEqualTo(1);
                }
            }
        }
    }
}
