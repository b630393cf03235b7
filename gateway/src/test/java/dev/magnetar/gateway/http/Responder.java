package dev.magnetar.gateway.http;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * A stand-in for a function's replicas, answering per the reply protocol: upper-cases the payload,
 * fails for "boom", answers "slow" only after {@link #SLOW_MS}, and a payload starting with "hold" only when
 * {@link #releaseHeld} is called.
 */
final class Responder implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain;charset=utf-8";
    static final String BOOM_ERROR = "IllegalStateException: boom requested";
    static final long SLOW_MS = 5_000;
    static final String HOLD = "hold";

    private final PulsarClient client;
    private final Map<String, Producer<byte[]>> replyProducers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final List<Message<byte[]>> held = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private volatile Map<String, String> lastRequestProperties = Map.of();
    private Consumer<byte[]> consumer;

    private Responder(PulsarClient client) {
        this.client = client;
    }

    static Responder start(PulsarClient client, String input) throws PulsarClientException {
        Responder responder = new Responder(client);
        responder.consumer = client.newConsumer().topic(input).subscriptionName("responder")
                .subscriptionType(SubscriptionType.Shared).messageListener(responder::onRequest).subscribe();
        return responder;
    }

    Map<String, String> lastRequestProperties() {
        return lastRequestProperties;
    }

    /** How many requests with this body reached the function. */
    int timesReceived(String body) {
        AtomicInteger count = received.get(body);
        return count == null ? 0 : count.get();
    }

    /** Requests held so far. */
    int heldCount() {
        return held.size();
    }

    /** Answers every request held so far. */
    void releaseHeld() {
        for (Message<byte[]> request : List.copyOf(held)) {
            held.remove(request);
            reply(request, ReplyStatus.OK, new String(request.getValue(), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT),
                    null);
        }
    }

    private void onRequest(Consumer<byte[]> consumer, Message<byte[]> request) {
        lastRequestProperties = Map.copyOf(request.getProperties());
        String body = new String(request.getValue(), StandardCharsets.UTF_8);
        received.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
        long deadline = Long.parseLong(request.getProperty(MessageProperties.DEADLINE));
        if (deadline < System.currentTimeMillis()) {
            consumer.acknowledgeAsync(request);
            return;
        }
        if (body.startsWith(HOLD)) {
            held.add(request);
        } else if (body.equals("slow")) {
            later.schedule(() -> reply(request, ReplyStatus.OK, "SLOW", null), SLOW_MS, TimeUnit.MILLISECONDS);
        } else if (body.equals("boom")) {
            reply(request, ReplyStatus.ERROR, "", BOOM_ERROR);
        } else {
            reply(request, ReplyStatus.OK, body.toUpperCase(Locale.ROOT), null);
        }
        consumer.acknowledgeAsync(request);
    }

    private void reply(Message<byte[]> request, ReplyStatus status, String body, String error) {
        var message = producer(request.getProperty(MessageProperties.REPLY_TO)).newMessage()
                .value(body.getBytes(StandardCharsets.UTF_8))
                .property(MessageProperties.CORRELATION_ID, request.getProperty(MessageProperties.CORRELATION_ID))
                .property(MessageProperties.STATUS, status.wireValue())
                .property(MessageProperties.CONTENT_TYPE, CONTENT_TYPE);
        if (error != null) {
            message.property(MessageProperties.ERROR, error);
        }
        message.sendAsync();
    }

    private Producer<byte[]> producer(String topic) {
        return replyProducers.computeIfAbsent(topic, t -> {
            try {
                return client.newProducer().topic(t).enableBatching(false).create();
            } catch (PulsarClientException e) {
                throw new IllegalStateException("cannot open a reply producer on " + t, e);
            }
        });
    }

    @Override
    public void close() {
        later.shutdownNow();
        consumer.closeAsync();
        replyProducers.values().forEach(Producer::closeAsync);
    }
}
