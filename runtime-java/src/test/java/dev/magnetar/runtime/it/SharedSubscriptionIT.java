package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/** Two replicas of the exclamation sample share one Shared subscription and split 10,000 messages. */
@ExtendWith(EmbeddedPulsarExtension.class)
class SharedSubscriptionIT {
    private static final int MESSAGES = 10_000;

    @Test
    void twoReplicasProcessEveryMessageBetweenThem(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("shared-in");
        String out = pulsar.uniqueTopic("shared-out");
        Function function = Definitions.define(Inputs.uniqueName("shared"), Definitions.EXCLAMATION_CLASS,
                Definitions.exclamationJar(), in, out);
        function.getSpec().setReplicas(2);
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess first = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0);
             ReplicaProcess second = ReplicaProcess.launch(function, pulsar.serviceUrl(), 1);
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            first.awaitReady();
            second.awaitReady();
            long started = System.nanoTime();
            Inputs.publish(producer, 0, MESSAGES);

            await().atMost(Duration.ofMinutes(2)).until(() -> output.distinct() == MESSAGES);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(output.missingExclamations(MESSAGES)).as("inputs without an output").isEmpty();

            double byFirst = first.metric("magnetar_messages_processed_total");
            double bySecond = second.metric("magnetar_messages_processed_total");
            System.out.printf("SharedSubscriptionIT: %d messages in %d ms; replica 0 processed %.0f, replica 1 %.0f,"
                    + " duplicates %d%n", MESSAGES, millis, byFirst, bySecond, output.duplicates());
            assertThat(byFirst).as("replica 0's share").isPositive();
            assertThat(bySecond).as("replica 1's share").isPositive();
            assertThat(byFirst + bySecond).isGreaterThanOrEqualTo(MESSAGES);
            assertThat(first.metric("magnetar_messages_failed_total") + second.metric("magnetar_messages_failed_total")).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) == 0);
        }
    }
}
