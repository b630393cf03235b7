package dev.magnetar.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.client.api.schema.GenericSchema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The request/reply client's edges against the real broker; the happy paths run in GatewayIT. */
@ExtendWith(EmbeddedPulsarExtension.class)
class RequestReplyClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aLateReplyIsDroppedAndTheNextCallStillWorks(EmbeddedPulsar pulsar) throws Exception {
        String input = pulsar.uniqueTopic("late");
        try (Consumer<byte[]> function = pulsar.client().newConsumer().topic(input).subscriptionName("fn").subscribe();
             RequestReplyClient client = newClient(pulsar, 10)) {
            CompletableFuture<Reply> expired = client.call(input, "a".getBytes(), null, Map.of(), Duration.ofMillis(200));
            Message<byte[]> first = function.receive(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(expired::isDone);
            assertThat(expired).isCompletedExceptionally();

            reply(pulsar, first, "too late");
            CompletableFuture<Reply> next = client.call(input, "b".getBytes(), null, Map.of(), WAIT);
            Message<byte[]> second = function.receive(30, TimeUnit.SECONDS);
            reply(pulsar, second, "on time");

            assertThat(next.get(30, TimeUnit.SECONDS).body()).asString().isEqualTo("on time");
            assertThat(client.pendingCount()).isZero();
        }
    }

    @Test
    void aReplyReachesItsCallerOnTheClientThreadThatDequeuedItWithoutAListenerHandOff(EmbeddedPulsar pulsar)
            throws Exception {
        String input = pulsar.uniqueTopic("handoff");
        try (Consumer<byte[]> function = pulsar.client().newConsumer().topic(input).subscriptionName("fn").subscribe();
             RequestReplyClient client = newClient(pulsar, 10)) {
            CompletableFuture<String> completedOn = client.call(input, "a".getBytes(), null, Map.of(), WAIT)
                    .thenApply(reply -> Thread.currentThread().getName());
            reply(pulsar, function.receive(30, TimeUnit.SECONDS), "hi");

            // Pulsar's default hands each message to a "pulsar-external-listener" thread first: one more wake-up.
            assertThat(completedOn.get(30, TimeUnit.SECONDS)).startsWith("pulsar-client-internal");
        }
    }

    @Test
    void closeFailsTheCallersStillWaiting(EmbeddedPulsar pulsar) {
        String input = pulsar.uniqueTopic("unanswered");
        RequestReplyClient client = newClient(pulsar, 10);
        CompletableFuture<Reply> waiting = client.call(input, "a".getBytes(), null, Map.of(), Duration.ofMinutes(5));

        client.close();

        assertThat(waiting).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("shutting down");
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void aRequestThatCannotBePublishedFailsWithTheTopicAndFreesItsSlot(EmbeddedPulsar pulsar) {
        try (RequestReplyClient client = newClient(pulsar, 1)) {
            String input = pulsar.uniqueTopic("too-big");
            byte[] overBrokerLimit = new byte[6 * 1024 * 1024];
            CompletableFuture<Reply> call = client.call(input, overBrokerLimit, null, Map.of(), WAIT);

            assertThat(call).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RequestSendException.class).withMessageContaining(input);
            assertThat(client.pendingCount()).isZero();
        }
    }

    @Test
    void anAvroRequestCarriesTheVersionOfTheSchemaItWasWrittenWith(EmbeddedPulsar pulsar) throws Exception {
        String input = pulsar.uniqueTopic("evolved");
        SchemaInfo v1 = avro("[{\"name\": \"name\", \"type\": \"string\"}]");
        SchemaInfo v2 = avro("[{\"name\": \"age\", \"type\": \"int\", \"default\": 0},"
                + " {\"name\": \"name\", \"type\": \"string\"}]");
        GenericSchema<GenericRecord> latest = Schema.generic(v2);
        try (Consumer<GenericRecord> function = pulsar.client().newConsumer(Schema.generic(v1)).topic(input)
                .subscriptionName("fn").subscribe()) {
            pulsar.client().newProducer(Schema.generic(v2)).topic(input).create().close();
            long version = pulsar.admin().schemas().getVersionBySchema(input, v2);
            byte[] body = latest.encode(latest.newRecordBuilder().set("age", 36).set("name", "Ada").build());

            try (RequestReplyClient client = newClient(pulsar, 10)) {
                client.call(input, body, "application/octet-stream", Map.of(), WAIT, v2);
                Message<GenericRecord> request = function.receive(30, TimeUnit.SECONDS);

                assertThat(request).isNotNull();
                assertThat(ByteBuffer.wrap(request.getSchemaVersion()).getLong()).isEqualTo(version);
                // Read by its version: the function, on the older schema, gets the field it knows.
                assertThat(request.getValue().getField("name")).isEqualTo("Ada");
            }
        }
    }

    private static SchemaInfo avro(String fields) {
        return SchemaInfo.builder().name("Person").type(SchemaType.AVRO)
                .schema(("{\"type\": \"record\", \"name\": \"Person\", \"fields\": " + fields + "}")
                        .getBytes(StandardCharsets.UTF_8)).build();
    }

    private static RequestReplyClient newClient(EmbeddedPulsar pulsar, int maxPending) {
        String replyTopic = "non-persistent://public/default/replies-" + UUID.randomUUID();
        return new RequestReplyClient(pulsar.client(), new RequestReplySettings(replyTopic, maxPending, 10));
    }

    private static void reply(EmbeddedPulsar pulsar, Message<byte[]> request, String body) throws Exception {
        try (Producer<byte[]> producer = pulsar.client().newProducer()
                .topic(request.getProperty(MessageProperties.REPLY_TO)).create()) {
            producer.newMessage().value(body.getBytes())
                    .property(MessageProperties.CORRELATION_ID, request.getProperty(MessageProperties.CORRELATION_ID))
                    .property(MessageProperties.STATUS, ReplyStatus.OK.wireValue())
                    .send();
        }
    }
}
