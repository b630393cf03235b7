package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.runtime.fixtures.DoubleValueFunction;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.OrderTotalFunction;
import dev.magnetar.runtime.fixtures.OrderTotalFunction.Order;
import dev.magnetar.runtime.fixtures.OrderTotalFunction.Receipt;
import dev.magnetar.runtime.fixtures.ProtoUpperFunction;
import dev.magnetar.runtime.fixtures.SquareFunction;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import com.google.protobuf.StringValue;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.schema.KeyValue;
import org.apache.pulsar.common.schema.KeyValueEncodingType;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plain Pulsar producers and consumers with a schema on each side of a replica: the function reads and writes the
 * topics' schemas as a Pulsar function does, and registers its output schema, unchanged function code in between.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class TopicSchemasIT {

    private static <T> Consumer<T> reader(EmbeddedPulsar pulsar, Schema<T> schema, String topic)
            throws PulsarClientException {
        // Subscribing first registers the schema on the (empty) output topic, as a consumer of a Pulsar function does.
        return pulsar.client().newConsumer(schema).topic(topic).subscriptionName("reader")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
    }

    private static <T> Message<T> next(Consumer<T> consumer) throws PulsarClientException {
        Message<T> message = consumer.receive(60, TimeUnit.SECONDS);
        assertThat(message).as("an output within a minute").isNotNull();
        return message;
    }

    private static Function define(EmbeddedPulsar pulsar, Class<?> type, String in, String out) {
        return Definitions.define(Inputs.uniqueName("schema"), type, FixtureJar.path(), in, out);
    }

    @Test
    void int32InAndOut(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("int32-in");
        String out = pulsar.uniqueTopic("int32-out");
        try (Producer<Integer> producer = pulsar.client().newProducer(Schema.INT32).topic(in).create();
             Consumer<Integer> consumer = reader(pulsar, Schema.INT32, out);
             ReplicaProcess replica = ReplicaProcess.launch(define(pulsar, SquareFunction.class, in, out),
                     pulsar.serviceUrl(), 0).awaitReady()) {
            producer.newMessage().key("k").value(7).send();

            Message<Integer> output = next(consumer);
            assertThat(output.getValue()).isEqualTo(49);
            assertThat(output.getKey()).isEqualTo("k");
            assertThat(pulsar.admin().schemas().getSchemaInfo(out).getType()).isEqualTo(SchemaType.INT32);
        }
    }

    @Test
    void anInputInUseWithoutASchemaIsReadAsBytesDecodedWithTheFunctionsSchema(EmbeddedPulsar pulsar)
            throws Exception {
        String in = pulsar.uniqueTopic("bytes-in");
        String out = pulsar.uniqueTopic("bytes-out");
        // The gateway's case: plain bytes wait in the input, from a producer still connected, before a replica starts.
        Function square = define(pulsar, SquareFunction.class, in, out);
        square.getSpec().setSubscription(new SubscriptionSpec(null, null, InitialPosition.Earliest));
        try (Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES).topic(in).create();
             Consumer<Integer> consumer = reader(pulsar, Schema.INT32, out)) {
            // An Integer input of a topic without a schema is JSON, by Pulsar's rules.
            producer.send("7".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (ReplicaProcess replica = ReplicaProcess.launch(square, pulsar.serviceUrl(), 0).awaitReady()) {
                assertThat(next(consumer).getValue()).isEqualTo(49);
                producer.send("5".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(next(consumer).getValue()).isEqualTo(25);
            }
        }
        assertThatThrownBy(() -> pulsar.admin().schemas().getSchemaInfo(in))
                .as("nothing is registered on a topic in use without a schema").hasMessageContaining("not found");
    }

    @Test
    void avroAndJsonPojosWithOneFunctionClassByTheTopicsSchemas(EmbeddedPulsar pulsar) throws Exception {
        String avroIn = pulsar.uniqueTopic("avro-in");
        String avroOut = pulsar.uniqueTopic("avro-out");
        String jsonIn = pulsar.uniqueTopic("json-in");
        String jsonOut = pulsar.uniqueTopic("json-out");
        try (Producer<Order> avroOrders = pulsar.client().newProducer(Schema.AVRO(Order.class)).topic(avroIn).create();
             Producer<Order> jsonOrders = pulsar.client().newProducer(Schema.JSON(Order.class)).topic(jsonIn).create();
             Consumer<Receipt> avroReceipts = reader(pulsar, Schema.AVRO(Receipt.class), avroOut);
             Consumer<Receipt> jsonReceipts = reader(pulsar, Schema.JSON(Receipt.class), jsonOut);
             ReplicaProcess avro = ReplicaProcess.launch(define(pulsar, OrderTotalFunction.class, avroIn, avroOut),
                     pulsar.serviceUrl(), 0);
             ReplicaProcess json = ReplicaProcess.launch(define(pulsar, OrderTotalFunction.class, jsonIn, jsonOut),
                     pulsar.serviceUrl(), 0)) {
            avro.awaitReady();
            json.awaitReady();
            avroOrders.send(new Order("o-1", 3, 2.5));
            jsonOrders.send(new Order("o-2", 2, 4.0));

            Receipt fromAvro = next(avroReceipts).getValue();
            assertThat(fromAvro.orderId).isEqualTo("o-1");
            assertThat(fromAvro.total).isEqualTo(7.5);
            assertThat(fromAvro.readWith).isEqualTo("AVRO");
            Receipt fromJson = next(jsonReceipts).getValue();
            assertThat(fromJson.orderId).isEqualTo("o-2");
            assertThat(fromJson.total).isEqualTo(8.0);
            assertThat(fromJson.readWith).isEqualTo("JSON");
            assertThat(pulsar.admin().schemas().getSchemaInfo(avroOut).getType()).isEqualTo(SchemaType.AVRO);
        }
    }

    @Test
    void keyValueWithTheKeyApartAndProtobuf(EmbeddedPulsar pulsar) throws Exception {
        Schema<KeyValue<String, Integer>> pairs = Schema.KeyValue(Schema.STRING, Schema.INT32,
                KeyValueEncodingType.SEPARATED);
        String kvIn = pulsar.uniqueTopic("kv-in");
        String kvOut = pulsar.uniqueTopic("kv-out");
        String pbIn = pulsar.uniqueTopic("pb-in");
        String pbOut = pulsar.uniqueTopic("pb-out");
        try (Producer<KeyValue<String, Integer>> kvProducer = pulsar.client().newProducer(pairs).topic(kvIn).create();
             Producer<StringValue> pbProducer = pulsar.client().newProducer(Schema.PROTOBUF(StringValue.class))
                     .topic(pbIn).create();
             Consumer<KeyValue<String, Integer>> kvConsumer = reader(pulsar, pairs, kvOut);
             Consumer<StringValue> pbConsumer = reader(pulsar, Schema.PROTOBUF(StringValue.class), pbOut);
             ReplicaProcess kv = ReplicaProcess.launch(define(pulsar, DoubleValueFunction.class, kvIn, kvOut),
                     pulsar.serviceUrl(), 0);
             ReplicaProcess pb = ReplicaProcess.launch(define(pulsar, ProtoUpperFunction.class, pbIn, pbOut),
                     pulsar.serviceUrl(), 0)) {
            kv.awaitReady();
            pb.awaitReady();
            kvProducer.send(new KeyValue<>("apples", 21));
            pbProducer.send(StringValue.of("protobuf"));

            Message<KeyValue<String, Integer>> pair = next(kvConsumer);
            assertThat(pair.getValue().getKey()).isEqualTo("apples");
            assertThat(pair.getValue().getValue()).isEqualTo(42);
            assertThat(pair.hasBase64EncodedKey()).as("the key travels apart, as the topic's schema says").isTrue();
            assertThat(new String(pair.getKeyBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("apples");
            assertThat(next(pbConsumer).getValue().getValue()).isEqualTo("PROTOBUF");
            assertThat(List.of(pulsar.admin().schemas().getSchemaInfo(pbOut).getType())).containsExactly(SchemaType.PROTOBUF);
        }
    }
}
