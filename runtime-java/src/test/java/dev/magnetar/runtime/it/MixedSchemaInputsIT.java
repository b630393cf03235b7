package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.OrderTotalFunction;
import dev.magnetar.runtime.fixtures.OrderTotalFunction.Order;
import dev.magnetar.runtime.fixtures.OrderTotalFunction.Receipt;
import dev.magnetar.runtime.fixtures.PoisonOrderFunction;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One function reading two input topics that need different schemas (AVRO on one, JSON on the other, the same
 * class): the replica reads each with its own consumer on the function's subscription, decodes every message with its
 * topic's schema, shows that schema as the record's, and acks each through the consumer it came from.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class MixedSchemaInputsIT {
    private static final int PER_TOPIC = 200;

    @Test
    void eachInputIsReadWithItsOwnSchemaAndEveryMessageIsProcessedOnce(EmbeddedPulsar pulsar) throws Exception {
        String avroIn = pulsar.uniqueTopic("mixed-avro-in");
        String jsonIn = pulsar.uniqueTopic("mixed-json-in");
        String out = pulsar.uniqueTopic("mixed-out");
        Function function = Definitions.define(Inputs.uniqueName("mixed"), OrderTotalFunction.class, FixtureJar.path(),
                avroIn, out);
        function.getSpec().setInputs(List.of(avroIn, jsonIn));
        function.getSpec().setSubscription(new SubscriptionSpec(null, null, InitialPosition.Earliest));
        String subscriptionName = ResolvedFunction.of(function).subscriptionName();
        try (Producer<Order> avroOrders = pulsar.client().newProducer(Schema.AVRO(Order.class)).topic(avroIn).create();
             Producer<Order> jsonOrders = pulsar.client().newProducer(Schema.JSON(Order.class)).topic(jsonIn).create();
             Consumer<Receipt> receipts = pulsar.client().newConsumer(Schema.JSON(Receipt.class)).topic(out)
                     .subscriptionName("reader").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                     .subscribe()) {
            // Half before the replica starts (it reads from the earliest), half while it runs.
            publish(avroOrders, jsonOrders, 0, PER_TOPIC / 2);
            try (ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady()) {
                publish(avroOrders, jsonOrders, PER_TOPIC / 2, PER_TOPIC);

                Map<String, Receipt> byOrder = new HashMap<>();
                for (int i = 0; i < 2 * PER_TOPIC; i++) {
                    Message<Receipt> message = receipts.receive(60, TimeUnit.SECONDS);
                    assertThat(message).as("receipt %d of %d within a minute", i + 1, 2 * PER_TOPIC).isNotNull();
                    Receipt previous = byOrder.put(message.getValue().orderId, message.getValue());
                    assertThat(previous).as("a second receipt for %s", message.getValue().orderId).isNull();
                }
                for (int i = 0; i < PER_TOPIC; i++) {
                    assertReceipt(byOrder.get("avro-" + i), i, "AVRO");
                    assertReceipt(byOrder.get("json-" + i), i, "JSON");
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(Inputs.backlog(pulsar, avroIn, subscriptionName)).as("AVRO input backlog").isZero();
                    assertThat(Inputs.backlog(pulsar, jsonIn, subscriptionName)).as("JSON input backlog").isZero();
                });
                assertThat(receipts.receive(1, TimeUnit.SECONDS)).as("no receipt beyond one per order").isNull();
            }
        }
    }

    @Test
    void aFailedMessageIsRetriedAndDeadLetteredThroughTheConsumerOfItsTopic(EmbeddedPulsar pulsar) throws Exception {
        String avroIn = pulsar.uniqueTopic("mixed-poison-avro-in");
        String jsonIn = pulsar.uniqueTopic("mixed-poison-json-in");
        String out = pulsar.uniqueTopic("mixed-poison-out");
        String dlq = pulsar.uniqueTopic("mixed-poison-dlq");
        Function function = Definitions.define(Inputs.uniqueName("mixed-poison"), PoisonOrderFunction.class,
                FixtureJar.path(), avroIn, out);
        function.getSpec().setInputs(List.of(avroIn, jsonIn));
        function.getSpec().setMaxRedeliveries(2);
        function.getSpec().setDeadLetterTopic(dlq);
        String subscriptionName = ResolvedFunction.of(function).subscriptionName();
        try (Consumer<byte[]> deadLetters = pulsar.client().newConsumer(Schema.BYTES).topic(dlq)
                     .subscriptionName("it-dlq").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                     .subscribe();
             Consumer<Receipt> receipts = pulsar.client().newConsumer(Schema.JSON(Receipt.class)).topic(out)
                     .subscriptionName("reader").subscribe();
             // The producers register the inputs' schemas, which the replica reads them with.
             Producer<Order> avroOrders = pulsar.client().newProducer(Schema.AVRO(Order.class)).topic(avroIn).create();
             Producer<Order> jsonOrders = pulsar.client().newProducer(Schema.JSON(Order.class)).topic(jsonIn).create();
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady()) {
            avroOrders.send(new Order("poison-avro", 1, 1.0));
            jsonOrders.send(new Order("poison-json", 1, 1.0));
            publish(avroOrders, jsonOrders, 0, 10);

            Map<String, String> dead = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                Message<byte[]> letter = deadLetters.receive(60, TimeUnit.SECONDS);
                assertThat(letter).as("dead letter %d of 2 on %s", i + 1, dlq).isNotNull();
                dead.put(letter.getProperty("REAL_TOPIC"), letter.getProperty(MessageProperties.ERROR));
            }
            assertThat(dead).containsOnlyKeys(avroIn, jsonIn);
            assertThat(dead.get(avroIn)).contains("refusing order poison-avro");
            assertThat(dead.get(jsonIn)).contains("refusing order poison-json");
            for (int i = 0; i < 20; i++) {
                assertThat(receipts.receive(60, TimeUnit.SECONDS)).as("receipt %d of 20", i + 1).isNotNull();
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(Inputs.backlog(pulsar, avroIn, subscriptionName)).as("AVRO input backlog").isZero();
                assertThat(Inputs.backlog(pulsar, jsonIn, subscriptionName)).as("JSON input backlog").isZero();
            });
        }
    }

    private static void publish(Producer<Order> avro, Producer<Order> json, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            avro.sendAsync(new Order("avro-" + i, i, 1.5));
            json.sendAsync(new Order("json-" + i, i, 2.0));
        }
        avro.flush();
        json.flush();
    }

    private static void assertReceipt(Receipt receipt, int i, String schemaType) {
        assertThat(receipt).as("the receipt of order %d read with %s", i, schemaType).isNotNull();
        assertThat(receipt.total).isEqualTo(i * ("AVRO".equals(schemaType) ? 1.5 : 2.0));
        assertThat(receipt.readWith).isEqualTo(schemaType);
    }
}
