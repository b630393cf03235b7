package dev.magnetar.gateway.async;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.gateway.reply.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results of asynchronous calls, taken from the shared results topic on the gateways' one Shared subscription.
 * A result is acknowledged only once it is stored and its callback was delivered or given up: a gateway that stops
 * before that leaves it unacknowledged, and Pulsar hands it to another instance, or to this one when it is back. A
 * result that could not be stored is delivered again after {@link #RETRY_SECONDS}.
 */
final class AsyncResults implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncResults.class);
    static final int RETRY_SECONDS = 5;

    private final PulsarClient client;
    private final String topic;
    private final ResultHandler handler;
    private CompletableFuture<Consumer<byte[]>> consumer;

    AsyncResults(PulsarClient client, String topic, ResultHandler handler) {
        this.client = client;
        this.topic = topic;
        this.handler = handler;
    }

    /** Subscribes; once subscribed, calling it again does nothing. */
    synchronized CompletableFuture<Void> start() {
        if (consumer == null || consumer.isCompletedExceptionally()) {
            consumer = client.newConsumer()
                    .topic(topic)
                    .subscriptionName(FunctionNames.ASYNC_RESULTS_SUBSCRIPTION)
                    .subscriptionType(SubscriptionType.Shared)
                    // Created by the first gateway, before any call is accepted; later, nothing is older than it.
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                    .negativeAckRedeliveryDelay(RETRY_SECONDS, TimeUnit.SECONDS)
                    .messageListener(this::onResult)
                    .subscribeAsync();
        }
        return consumer.thenApply(subscribed -> null);
    }

    String topic() {
        return topic;
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.thenCompose(Consumer::closeAsync).exceptionally(error -> null);
        }
    }

    private void onResult(Consumer<byte[]> results, Message<byte[]> message) {
        String callId = message.getProperty(MessageProperties.CORRELATION_ID);
        if (callId == null) {
            LOG.debug("Dropped a message on {} without {}", topic, MessageProperties.CORRELATION_ID);
            results.acknowledgeAsync(message);
            return;
        }
        Reply reply = Reply.fromMessage(message.getProperties(), message.getValue());
        CompletableFuture<Void> handled;
        try {
            handled = handler.handle(callId, reply, message.getPublishTime());
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((done, error) -> {
            if (error == null) {
                results.acknowledgeAsync(message);
            } else {
                LOG.warn("Could not store the result of call {}: {}; it comes back in {} s", callId, error.toString(),
                        RETRY_SECONDS);
                results.negativeAcknowledge(message);
            }
        });
    }
}
