package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.PoisonFunction;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/** The runtime's side of request/reply: replies with status, errors at once, drops expired requests. */
@ExtendWith(EmbeddedPulsarExtension.class)
class RequestReplyIT {
    private static String out;
    private static ReplicaProcess replica;
    private static Producer<String> requests;
    private static Consumer<String> replies;
    private static OutputCollector output;
    private static String replyTopic;
    private static String in;

    @BeforeAll
    static void start(EmbeddedPulsar pulsar) throws Exception {
        in = pulsar.uniqueTopic("rr-in");
        out = pulsar.uniqueTopic("rr-out");
        replyTopic = FunctionNames.replyTopic("public", "default", UUID.randomUUID().toString().substring(0, 8));
        Function function = Definitions.define(Inputs.uniqueName("rr"), PoisonFunction.class, FixtureJar.path(), in, out);
        output = OutputCollector.on(pulsar.client(), out);
        replies = pulsar.client().newConsumer(Schema.STRING).topic(replyTopic).subscriptionName("gateway").subscribe();
        replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
        requests = Inputs.producer(pulsar, in);
    }

    @AfterAll
    static void stop() throws Exception {
        replica.close();
        requests.close();
        replies.close();
        output.close();
    }

    private static String request(String body, long deadline) throws Exception {
        String correlationId = UUID.randomUUID().toString();
        requests.newMessage().value(body)
                .properties(Map.of(MessageProperties.CORRELATION_ID, correlationId, MessageProperties.REPLY_TO, replyTopic,
                        MessageProperties.DEADLINE, Long.toString(deadline), MessageProperties.CONTENT_TYPE, "text/plain",
                        MessageProperties.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .send();
        return correlationId;
    }

    private static Message<String> nextReply() throws Exception {
        Message<String> reply = replies.receive(30, TimeUnit.SECONDS);
        assertThat(reply).as("a reply on " + replyTopic).isNotNull();
        return reply;
    }

    @Test
    void answersARequestWithTheOutput() throws Exception {
        String id = request("hello", System.currentTimeMillis() + 30_000);
        Message<String> reply = nextReply();
        assertThat(reply.getValue()).isEqualTo("hello!");
        assertThat(reply.getProperties())
                .containsEntry(MessageProperties.CORRELATION_ID, id)
                .containsEntry(MessageProperties.STATUS, ReplyStatus.OK.wireValue())
                .containsEntry(MessageProperties.CONTENT_TYPE, "text/plain; charset=utf-8")
                .doesNotContainKey(MessageProperties.ERROR);

        await().atMost(Duration.ofSeconds(30)).until(() -> output.values().contains("hello!"));
        Map<String, String> forwarded = output.message("hello!").getProperties();
        assertThat(forwarded).containsEntry(MessageProperties.CORRELATION_ID, id)
                .containsKey(MessageProperties.TRACEPARENT)
                .doesNotContainKey(MessageProperties.REPLY_TO)
                .doesNotContainKey(MessageProperties.DEADLINE)
                .as("the request's content type is not the output's, and the output declares none")
                .doesNotContainKey(MessageProperties.CONTENT_TYPE);
    }

    @Test
    void namesTheInputOfEachOutputAsPulsarsFunctionsDo() throws Exception {
        MessageId sent = requests.newMessage().value("named")
                .property(Publisher.INPUT_TOPIC, "an upstream function's input").send();

        await().atMost(Duration.ofSeconds(30)).until(() -> output.values().contains("named!"));
        Map<String, String> properties = output.message("named!").getProperties();
        assertThat(properties).containsEntry(Publisher.INPUT_TOPIC, in);
        assertThat(MessageId.fromByteArray(Base64.getDecoder().decode(properties.get(Publisher.INPUT_MESSAGE_ID))))
                .isEqualTo(sent);
    }

    @Test
    void answersAFailedRequestWithAnErrorAtOnce() throws Exception {
        double failedBefore = replica.metric("magnetar_messages_failed_total");
        String id = request("poison", System.currentTimeMillis() + 30_000);
        Message<String> reply = nextReply();
        assertThat(reply.getValue()).isEmpty();
        assertThat(reply.getProperties())
                .containsEntry(MessageProperties.CORRELATION_ID, id)
                .containsEntry(MessageProperties.STATUS, ReplyStatus.ERROR.wireValue())
                .containsEntry(MessageProperties.ERROR, "IllegalArgumentException: refusing poison payload 'poison'");
        // Answered and acked: not redelivered, so exactly one failed invocation.
        assertThat(replica.metric("magnetar_messages_failed_total")).isEqualTo(failedBefore + 1);
    }

    @Test
    void dropsAnExpiredRequestWithoutInvoking() throws Exception {
        double processedBefore = replica.metric("magnetar_messages_processed_total");
        double expiredBefore = replica.metric("magnetar_requests_expired_total");
        request("too-late", System.currentTimeMillis() - 1_000);
        String marker = request("marker", System.currentTimeMillis() + 30_000);

        // Messages are handled in order here (concurrency 1): once the marker is answered, the expired one was seen.
        Message<String> reply = nextReply();
        assertThat(reply.getProperty(MessageProperties.CORRELATION_ID)).isEqualTo(marker);
        assertThat(replica.metric("magnetar_requests_expired_total")).isEqualTo(expiredBefore + 1);
        assertThat(replica.metric("magnetar_messages_processed_total")).isEqualTo(processedBefore + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> output.values().contains("marker!"));
        assertThat(output.values()).doesNotContain("too-late!");
    }
}
