package dev.magnetar.gateway.reply;

import dev.magnetar.api.protocol.MessageProperties;
import io.netty.util.HashedWheelTimer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.SubscriptionType;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request/reply over Pulsar for one gateway instance. Requests go to a function's input topic with
 * a correlation id, this instance's reply topic and a deadline; the runtime answers on the reply
 * topic, where one consumer hands each reply to its waiting caller. Never blocks the calling thread.
 */
public class RequestReplyClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestReplyClient.class);
    /** Replies on a non-persistent topic are dropped when the consumer's queue is full: keep it roomy. */
    private static final int REPLY_QUEUE_SIZE = 5_000;
    static final String SUBSCRIPTION = "magnetar-gateway";

    private final PulsarClient client;
    private final RequestReplySettings settings;
    private final HashedWheelTimer timer;
    private final PendingReplies pending;
    private final ProducerCache producers;
    private final Clock clock;
    private final CorrelationIds correlationIds = new CorrelationIds();
    private final LongAdder lateReplies = new LongAdder();
    private CompletableFuture<Consumer<byte[]>> replies;
    private volatile boolean closed;

    public RequestReplyClient(PulsarClient client, RequestReplySettings settings) {
        this(client, settings, Clock.systemUTC());
    }

    RequestReplyClient(PulsarClient client, RequestReplySettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.timer = ReplyTimer.create();
        this.pending = new PendingReplies(settings.maxPending(), timer);
        this.producers = new ProducerCache(client, settings.maxProducers());
        subscribed();
    }

    /**
     * Sends {@code body} to {@code requestTopic} and completes with the function's reply. Fails with
     * {@link TooManyPendingRequestsException} at once when the pending table is full,
     * {@link ReplyTimeoutException} when no reply arrives within {@code timeout}, and
     * {@link RequestSendException} when the request cannot be published. A reply completes the future on the
     * Pulsar client's internal thread: continue on an executor of your own for anything but a moment's work.
     */
    public CompletableFuture<Reply> call(String requestTopic, byte[] body, String contentType,
                                         Map<String, String> extraProperties, Duration timeout) {
        return call(requestTopic, body, contentType, extraProperties, timeout, null);
    }

    /**
     * As {@link #call(String, byte[], String, Map, Duration)}, for a body written with {@code writer}, a schema
     * registered on the topic: the request carries its version, so a function reading with another version of the
     * schema decodes it as Pulsar consumers do (null: no version).
     */
    public CompletableFuture<Reply> call(String requestTopic, byte[] body, String contentType,
                                         Map<String, String> extraProperties, Duration timeout, SchemaInfo writer) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the request/reply client of reply topic " + settings.replyTopic() + " is closed"));
        }
        String correlationId = correlationIds.next();
        CompletableFuture<Reply> reply;
        try {
            reply = pending.register(correlationId, requestTopic, timeout);
        } catch (TooManyPendingRequestsException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        Map<String, String> properties = RequestProperties.build(correlationId, settings.replyTopic(),
                clock.millis() + timeout.toMillis(), contentType, extraProperties);
        // The reply consumer must exist before the request leaves: a non-persistent topic keeps nothing.
        subscribed()
                .thenCompose(consumer -> connected(consumer.isConnected(), "the reply consumer of "
                        + settings.replyTopic()).thenCompose(ignored -> producers.get(requestTopic, writer)))
                .thenCompose(producer -> connected(producer.isConnected(), "the producer of " + requestTopic)
                        .thenCompose(ignored -> producer.newMessage().value(body).properties(properties).sendAsync()))
                .whenComplete((messageId, error) -> {
                    if (error != null) {
                        pending.fail(correlationId, new RequestSendException(requestTopic, unwrap(error)));
                    }
                });
        return reply;
    }

    /**
     * Publishes a request whose reply nobody here waits for: an asynchronous call's, answered on
     * {@code replyTopic} under {@code correlationId} (the call's id). Completes when the broker has stored the
     * request; fails with {@link RequestSendException} when it cannot be published.
     */
    public CompletableFuture<Void> send(OneWayRequest request, String replyTopic, String correlationId,
                                        long deadlineEpochMs) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the request/reply client of reply topic " + settings.replyTopic() + " is closed"));
        }
        Map<String, String> properties = RequestProperties.build(correlationId, replyTopic, deadlineEpochMs,
                request.contentType(), request.extraProperties());
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producers.get(request.topic(), request.writer())
                .thenCompose(producer -> producer.newMessage().value(request.body()).properties(properties).sendAsync())
                .whenComplete((messageId, error) -> {
                    if (error != null) {
                        sent.completeExceptionally(new RequestSendException(request.topic(), unwrap(error)));
                    } else {
                        sent.complete(null);
                    }
                });
        return sent;
    }

    /** Callers currently waiting for a reply: never more than the pending table's limit. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Replies dropped because their caller was answered already: it timed out (or the request failed to send) before
     * the reply came. Counted since this client started.
     */
    public long lateReplies() {
        return lateReplies.sum();
    }

    public String replyTopic() {
        return settings.replyTopic();
    }

    @Override
    public void close() {
        closed = true;
        pending.failAll(new IllegalStateException("the gateway is shutting down; retry against another instance"));
        producers.close();
        CompletableFuture<Consumer<byte[]>> consumer;
        synchronized (this) {
            consumer = replies;
        }
        if (consumer != null) {
            consumer.thenCompose(Consumer::closeAsync).exceptionally(error -> null);
        }
        timer.stop();
    }

    /** The reply consumer, subscribing again when an earlier attempt failed (e.g. broker not up yet). */
    private synchronized CompletableFuture<Consumer<byte[]>> subscribed() {
        if (replies == null || replies.isCompletedExceptionally()) {
            replies = client.newConsumer()
                    .topic(settings.replyTopic())
                    .subscriptionName(SUBSCRIPTION)
                    .subscriptionType(SubscriptionType.Exclusive)
                    .receiverQueueSize(REPLY_QUEUE_SIZE)
                    .messageListener(this::onReply)
                    // onReply only completes a future: it runs on the client's internal thread that dequeued the
                    // reply instead of after one more hand-off to a listener thread (a wake-up per request).
                    .messageListenerExecutor((message, task) -> task.run())
                    .subscribeAsync();
            replies.whenComplete((consumer, error) -> {
                if (error != null) {
                    LOG.warn("Cannot subscribe to reply topic {}: {}. If another gateway uses it, give each"
                            + " instance its own magnetar.gateway.gateway-id", settings.replyTopic(), unwrap(error).getMessage());
                }
            });
        }
        return replies;
    }

    private void onReply(Consumer<byte[]> consumer, Message<byte[]> message) {
        consumer.acknowledgeAsync(message);
        String correlationId = message.getProperty(MessageProperties.CORRELATION_ID);
        if (correlationId == null) {
            LOG.debug("Dropped a message on {} without {}", settings.replyTopic(), MessageProperties.CORRELATION_ID);
            return;
        }
        Reply reply = Reply.fromMessage(message.getProperties(), message.getValue());
        if (pending.complete(correlationId, reply)) {
            return;
        }
        if (correlationIds.issued(correlationId)) {
            lateReplies.increment();
            LOG.debug("Dropped the late reply {} on {}: its caller was answered at its deadline", correlationId,
                    settings.replyTopic());
        } else {
            LOG.debug("Dropped the reply {} on {}: no request of this instance has that id", correlationId,
                    settings.replyTopic());
        }
    }

    /**
     * Fails at once while the broker connection is lost: a reply published now would be dropped by the
     * non-persistent reply topic, and a request would wait in the client until the deadline. The caller gets 503
     * with Retry-After in milliseconds instead of a 504 at the deadline; the client reconnects by itself.
     */
    private static CompletableFuture<Void> connected(boolean connected, String what) {
        return connected ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new BrokerDisconnectedException(what));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
