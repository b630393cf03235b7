package dev.magnetar.bench.gateway;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * The RAW-RR responder: a plain Pulsar client that answers each request on the reply topic named in its
 * properties, with the correlation id and status Magnetar's protocol uses, then acks — the same reply-topic
 * design as the gateway, without HTTP and without the Magnetar runtime. One reply topic (the bench's) is
 * assumed, so one producer is kept. Run as its own JVM: {@code ReplyPipeMain <serviceUrl> <requestTopic> <sub>}.
 */
public final class ReplyPipeMain {
    private ReplyPipeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (PulsarClient client = PulsarClient.builder().serviceUrl(args[0]).build();
             Consumer<byte[]> requests = client.newConsumer(Schema.BYTES).topic(args[1]).subscriptionName(args[2])
                     .subscriptionType(SubscriptionType.Shared)
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
            System.out.println("REPLY_PIPE_READY");
            Producer<byte[]> replies = null;
            while (!Thread.currentThread().isInterrupted()) {
                Message<byte[]> request = requests.receive();
                String replyTo = request.getProperty(MessageProperties.REPLY_TO);
                if (replies == null) {
                    replies = client.newProducer(Schema.BYTES).topic(replyTo).enableBatching(false).create();
                }
                byte[] body = request.getValue();
                byte[] answer = new byte[body.length + 1];
                System.arraycopy(body, 0, answer, 0, body.length);
                answer[body.length] = '!';
                replies.newMessage().value(answer)
                        .property(MessageProperties.CORRELATION_ID, request.getProperty(MessageProperties.CORRELATION_ID))
                        .property(MessageProperties.STATUS, ReplyStatus.OK.wireValue())
                        .sendAsync().thenRun(() -> requests.acknowledgeAsync(request));
            }
        }
    }
}
