package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.InputSpec;
import dev.magnetar.runtime.fixtures.AvroPublishingFunction;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.GenericFieldsFunction;
import dev.magnetar.runtime.fixtures.OrderTotalFunction.Order;
import dev.magnetar.runtime.fixtures.RoutingFunction;
import dev.magnetar.runtime.fixtures.UpperSerDe;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A function taking whatever the topic holds (GenericRecord), one returning records for a topic of their own, and one
 * reading with a SerDe of its jar and publishing through its context with a named schema type.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class GenericAndRecordOutputIT {

    private static Consumer<String> reader(EmbeddedPulsar pulsar, String topic) throws Exception {
        return pulsar.client().newConsumer(Schema.STRING).topic(topic).subscriptionName("reader")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
    }

    @Test
    void aGenericRecordFunctionReadsAnAvroTopicAndARecordGoesToItsDestination(EmbeddedPulsar pulsar) throws Exception {
        String avroIn = pulsar.uniqueTopic("generic-in");
        String fieldsOut = pulsar.uniqueTopic("generic-out");
        String wordsIn = pulsar.uniqueTopic("route-in");
        String routed = pulsar.uniqueTopic("routed");
        Function generic = Definitions.define(Inputs.uniqueName("generic"), GenericFieldsFunction.class,
                FixtureJar.path(), avroIn, fieldsOut);
        Function routing = Definitions.define(Inputs.uniqueName("routing"), RoutingFunction.class, FixtureJar.path(),
                wordsIn, pulsar.uniqueTopic("route-default"));
        routing.getSpec().setUserConfig(Map.of("routeTo", routed));
        try (Producer<Order> orders = pulsar.client().newProducer(Schema.AVRO(Order.class)).topic(avroIn).create();
             Producer<String> words = pulsar.client().newProducer(Schema.STRING).topic(wordsIn).create();
             Consumer<String> fields = reader(pulsar, fieldsOut);
             Consumer<String> routedWords = reader(pulsar, routed);
             ReplicaProcess genericReplica = ReplicaProcess.launch(generic, pulsar.serviceUrl(), 0);
             ReplicaProcess routingReplica = ReplicaProcess.launch(routing, pulsar.serviceUrl(), 0)) {
            genericReplica.awaitReady();
            routingReplica.awaitReady();
            orders.send(new Order("o-9", 4, 1.5));
            words.send("hello");

            Message<String> described = fields.receive(60, TimeUnit.SECONDS);
            assertThat(described).isNotNull();
            assertThat(described.getValue()).startsWith("AVRO ").contains("id=o-9", "quantity=4", "price=1.5");

            Message<String> record = routedWords.receive(60, TimeUnit.SECONDS);
            assertThat(record).isNotNull();
            assertThat(record.getValue()).isEqualTo("HELLO");
            assertThat(record.getKey()).isEqualTo("hello");
            assertThat(record.getEventTime()).isEqualTo(42L);
            assertThat(record.getProperties()).containsEntry("inputSchema", "STRING")
                    .containsEntry("outputSchemaType", "STRING")
                    .as("a returned record names its input too, as Pulsar's sink writes it")
                    .containsEntry(Publisher.INPUT_TOPIC, wordsIn).containsKey(Publisher.INPUT_MESSAGE_ID);
        }
    }

    @Test
    void aSerdeOfTheJarReadsTheInputAndContextPublishWritesTheNamedSchema(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("serde-in");
        String orders = pulsar.uniqueTopic("published-orders");
        Function function = Definitions.define(Inputs.uniqueName("serde"), AvroPublishingFunction.class,
                FixtureJar.path(), in, null);
        function.getSpec().setInputSpecs(Map.of(in, new InputSpec(null, UpperSerDe.class.getName(), null)));
        function.getSpec().setUserConfig(Map.of("ordersTopic", orders));
        try (Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES).topic(in).create();
             Consumer<Order> published = pulsar.client().newConsumer(Schema.AVRO(Order.class)).topic(orders)
                     .subscriptionName("reader").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                     .subscribe();
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady()) {
            producer.send("quiet".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            Message<Order> order = published.receive(60, TimeUnit.SECONDS);
            assertThat(order).isNotNull();
            assertThat(order.getValue().id).isEqualTo("QUIET");
            assertThat(pulsar.admin().schemas().getSchemaInfo(orders).getType())
                    .isEqualTo(org.apache.pulsar.common.schema.SchemaType.AVRO);
        }
    }
}
