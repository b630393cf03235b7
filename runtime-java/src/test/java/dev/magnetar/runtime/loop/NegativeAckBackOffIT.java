package dev.magnetar.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A negatively acked message comes back no sooner than its back-off, also when other messages' back-offs end in
 * between: the replica's consumer, as {@link ConsumerFactory} subscribes it, failing messages a few milliseconds apart.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class NegativeAckBackOffIT {
    private static final int MESSAGES = 20;
    private static final long SPACING_MS = 13;

    @Test
    void noMessageIsRedeliveredBeforeItsBackOffIsOver(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("nack-in");
        Function function = Definitions.define("nack-" + UUID.randomUUID().toString().substring(0, 8),
                Definitions.EXCLAMATION_CLASS, Definitions.exclamationJar(), in, pulsar.uniqueTopic("nack-out"));
        @SuppressWarnings("unchecked")
        Consumer<String> consumer = (Consumer<String>) (Consumer<?>) ConsumerFactory.subscribe(pulsar.client(),
                ResolvedFunction.of(function), "nack-it", Schema.STRING).get(30, TimeUnit.SECONDS);
        // One entry per message: a negative ack covers a whole batch entry.
        try (consumer; Producer<String> producer = pulsar.client().newProducer(Schema.STRING).topic(in)
                .enableBatching(false).create()) {
            for (int i = 0; i < MESSAGES; i++) {
                producer.sendAsync("m-" + i);
            }
            producer.flush();

            // First deliveries are failed a few ms apart, so redeliveries fall due while other back-offs are running.
            Map<String, Long> failedAt = new HashMap<>();
            Map<String, Long> backAfterMs = new TreeMap<>();
            while (backAfterMs.size() < MESSAGES) {
                Message<String> message = consumer.receive(30, TimeUnit.SECONDS);
                assertThat(message).as("redeliveries so far: " + backAfterMs).isNotNull();
                if (message.getRedeliveryCount() == 0) {
                    failedAt.put(message.getValue(), System.nanoTime());
                    consumer.negativeAcknowledge(message);
                    Thread.sleep(SPACING_MS);
                } else {
                    backAfterMs.put(message.getValue(), (System.nanoTime() - failedAt.get(message.getValue())) / 1_000_000);
                    consumer.acknowledge(message);
                }
            }
            System.out.printf("NegativeAckBackOffIT: back-off %d ms; redelivered after %s ms%n",
                    ConsumerFactory.NACK_MIN_DELAY_MS, backAfterMs.values());
            assertThat(backAfterMs).allSatisfy((value, millis) -> assertThat(millis).as("redelivery of " + value)
                    .isGreaterThanOrEqualTo(ConsumerFactory.NACK_MIN_DELAY_MS));
        }
    }
}
