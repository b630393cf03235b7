package dev.magnetar.bench.scenario;

import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * The BASELINE worker: a plain Pulsar client, Shared consumer → producer → ack once the send
 * is persisted. Run as its own JVM: {@code PipeMain <serviceUrl> <input> <output> <subscription>}.
 * It runs until killed.
 */
public final class PipeMain {
    private PipeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PipeMain <serviceUrl> <inputTopic> <outputTopic> <subscription>");
            System.exit(2);
        }
        try (PulsarClient client = PulsarClient.builder().serviceUrl(args[0]).build();
             Producer<byte[]> producer = client.newProducer(Schema.BYTES).topic(args[2])
                     .enableBatching(true).batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS)
                     .blockIfQueueFull(true).create();
             Consumer<byte[]> consumer = client.newConsumer(Schema.BYTES).topic(args[1])
                     .subscriptionName(args[3]).subscriptionType(SubscriptionType.Shared)
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
            System.out.println("PIPE_READY");
            while (!Thread.currentThread().isInterrupted()) {
                Message<byte[]> message = consumer.receive();
                producer.newMessage().value(message.getValue()).properties(message.getProperties()).sendAsync()
                        .thenRun(() -> consumer.acknowledgeAsync(message))
                        .exceptionally(e -> {
                            consumer.negativeAcknowledge(message);
                            return null;
                        });
            }
        }
    }
}
