package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.PoisonFunction;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * A payload the function always throws on: at-least-once retries it and then moves it to the
 * dead-letter topic; at-most-once drops it after the one attempt.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class PoisonMessageIT {
    private static final int MAX_REDELIVERIES = 2;
    private static final int GOOD = 50;

    @Test
    void thePoisonMessageEndsInTheDeadLetterTopicAndTheRestIsProcessed(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("poison-in");
        String out = pulsar.uniqueTopic("poison-out");
        String dlq = pulsar.uniqueTopic("poison-dlq");
        Function function = Definitions.define(Inputs.uniqueName("poison"), PoisonFunction.class, FixtureJar.path(), in, out);
        function.getSpec().setMaxRedeliveries(MAX_REDELIVERIES);
        function.getSpec().setDeadLetterTopic(dlq);

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             Consumer<String> deadLetters = pulsar.client().newConsumer(Schema.STRING).topic(dlq)
                     .subscriptionName("it-dlq").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            Inputs.publish(producer, 0, GOOD / 2);
            producer.newMessage().key("bad").property("origin", "test").value("poison").send();
            Inputs.publish(producer, GOOD / 2, GOOD);

            Message<String> dead = deadLetters.receive(60, TimeUnit.SECONDS);
            assertThat(dead).as("a message on the dead-letter topic " + dlq).isNotNull();
            assertThat(dead.getValue()).isEqualTo("poison");
            assertThat(dead.getKey()).isEqualTo("bad");
            assertThat(dead.getProperties()).containsEntry("origin", "test");

            await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == GOOD);
            assertThat(output.values()).doesNotContain("poison!");
            // The first delivery plus maxRedeliveries redeliveries, each a failed invocation.
            assertThat(replica.metric("magnetar_messages_failed_total")).isEqualTo(MAX_REDELIVERIES + 1);
            assertThat(replica.metric("magnetar_messages_processed_total")).isEqualTo(GOOD);
            assertThat(deadLetters.receive(1, TimeUnit.SECONDS)).as("only the poison message is dead").isNull();
        }
    }

    @Test
    void atMostOnceDropsTheFailedMessageWithoutRetry(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("amo-in");
        String out = pulsar.uniqueTopic("amo-out");
        Function function = Definitions.define(Inputs.uniqueName("amo"), PoisonFunction.class, FixtureJar.path(), in, out);
        function.getSpec().setProcessingGuarantee(ProcessingGuarantee.ATMOST_ONCE);
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            producer.send("poison");
            Inputs.publish(producer, 0, 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) == 0);
            assertThat(replica.metric("magnetar_messages_failed_total")).as("one attempt, no redelivery").isEqualTo(1);
            assertThat(replica.metric("magnetar_messages_received_total")).isEqualTo(11);
        }
    }
}
