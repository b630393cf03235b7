package dev.magnetar.runtime.publish;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.runtime.codec.Payload;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every producer a replica uses: the output topic's, one per reply topic (a gateway instance
 * each), and the ones the function opens through its Context. Sends are asynchronous; the
 * returned futures complete when the broker has the message.
 */
public final class Publisher implements AutoCloseable {
    /**
     * Request-only properties, and the request's content type, which would mislabel the output. The
     * output carries none of its own (as in Pulsar Functions): per message it would add bytes to every
     * stored entry and a noticeable share of a small-message replica's CPU; the reply, which answers an
     * HTTP caller, does carry one.
     */
    private static final Set<String> NOT_FORWARDED = Set.of(MessageProperties.REPLY_TO, MessageProperties.DEADLINE,
            MessageProperties.CONTENT_TYPE);
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final CompletableFuture<?> NOTHING_SENT = CompletableFuture.completedFuture(null);

    /**
     * How long an output batch may stay open: as long as the pipe's. A lone message does not wait for it when
     * the sender flushes on idle ({@link #forReplica}). A longer cap does not buy fuller batches under load (the
     * idle flushes keep them below the pipe's anyway), while a replica that fell behind on a busy machine would
     * hold its outputs for up to the whole cap (docs/performance.md).
     */
    static final long BATCH_DELAY_MS = 1;
    /** Pulsar's default, named because the loop's bound on unacked messages must stay above it. */
    public static final int BATCH_MAX_MESSAGES = 1_000;

    private final PulsarClient client;
    private final String outputTopic;
    private final long batchDelayMicros;
    private final boolean flushWhenIdle;
    private final Map<String, CompletableFuture<Producer<byte[]>>> replyProducers = new ConcurrentHashMap<>();
    private final Map<String, Producer<?>> contextProducers = new ConcurrentHashMap<>();
    private volatile Producer<byte[]> output;
    /** An output was sent since the last {@link #flush}. A race only leaves a message to the batch timer. */
    private volatile boolean unflushed;
    /** Done when the batch {@link #flush} sent last is stored (the producer's own flush future). */
    private volatile CompletableFuture<?> flushedBatch = NOTHING_SENT;
    /** A flush is put off until the batch on its way is stored. */
    private final AtomicBoolean flushDeferred = new AtomicBoolean();

    /**
     * @param batchDelay    how long the output's batch may stay open
     * @param flushWhenIdle whether {@link #flush} sends the open batch at once (else it does nothing)
     */
    public Publisher(PulsarClient client, String outputTopic, Duration batchDelay, boolean flushWhenIdle) {
        this.client = client;
        this.outputTopic = outputTopic;
        this.batchDelayMicros = TimeUnit.NANOSECONDS.toMicros(batchDelay.toNanos());
        this.flushWhenIdle = flushWhenIdle;
    }

    /**
     * The publisher of a replica; batches close after {@value #BATCH_DELAY_MS} ms. {@code senderFlushes}: every
     * output is sent by the thread that calls {@link #flush} when it has nothing more to do (the receiver of a
     * synchronous function at concurrency 1), so a batch also closes as soon as the input runs dry.
     */
    public static Publisher forReplica(PulsarClient client, String outputTopic, boolean senderFlushes) {
        return new Publisher(client, outputTopic, Duration.ofMillis(BATCH_DELAY_MS), senderFlushes);
    }

    /** Opens the output producer (once), so a missing permission shows at start, not on the first message. */
    public CompletableFuture<Void> start() {
        if (outputTopic == null || output != null) {
            return CompletableFuture.completedFuture(null);
        }
        return client.newProducer(Schema.BYTES).topic(outputTopic)
                .enableBatching(true).batchingMaxMessages(BATCH_MAX_MESSAGES)
                .batchingMaxPublishDelay(batchDelayMicros, TimeUnit.MICROSECONDS)
                .blockIfQueueFull(false).createAsync()
                .thenAccept(producer -> output = producer);
    }

    /**
     * Publishes a result to the output topic with the input's key and properties. The
     * request-only properties (reply topic, deadline, content type) are not forwarded: a function
     * reading this output must not answer the original caller a second time.
     */
    public CompletableFuture<?> output(Message<byte[]> input, Payload payload) {
        if (output == null || payload == null) {
            return NOTHING_SENT;
        }
        TypedMessageBuilder<byte[]> message = output.newMessage().value(payload.bytes());
        // Straight into the builder, without an intermediate map: this runs once per message.
        input.getProperties().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name)) {
                message.property(name, value);
            }
        });
        if (input.hasKey()) {
            message.key(input.getKey());
        }
        if (input.hasOrderingKey()) {
            message.orderingKey(input.getOrderingKey());
        }
        if (input.getEventTime() > 0) {
            message.eventTime(input.getEventTime());
        }
        CompletableFuture<MessageId> sent = message.sendAsync();
        if (flushWhenIdle && !unflushed) {
            // Written once per batch, not per message: a volatile write costs a fence, a read nothing on x86.
            unflushed = true;
        }
        return sent;
    }

    /** Whether {@link #flush} sends the open batch (else it does nothing and a batch closes on its timer). */
    public boolean flushesWhenIdle() {
        return flushWhenIdle;
    }

    /**
     * Sends the output's open batch, when {@code flushWhenIdle}: the caller has nothing more to add to it for a
     * while (its input is drained, or it is about to wait for acks), so waiting longer only adds latency. As in
     * Nagle's algorithm, a batch goes at once only when the one flushed before it is stored; while that one is on
     * its way, what is open goes the moment it is (or at the batch timer, whichever comes first). A lone message
     * leaves at once, and under load a batch collects what arrives during one round trip to the broker: at 5,000
     * msg/s flushing every message had cost the replica a third more CPU than the pipe's timer-closed batches.
     */
    public void flush() {
        Producer<byte[]> producer = output;
        if (!flushWhenIdle || !unflushed || producer == null) {
            return;
        }
        CompletableFuture<?> onItsWay = flushedBatch;
        if (!onItsWay.isDone()) {
            deferUntilStored(onItsWay);
            return;
        }
        unflushed = false;
        flushedBatch = producer.flushAsync();
    }

    /** Flushes once {@code batch} is stored; one deferred flush at a time. */
    private void deferUntilStored(CompletableFuture<?> batch) {
        if (flushDeferred.compareAndSet(false, true)) {
            batch.whenComplete((stored, error) -> {
                flushDeferred.set(false);
                flush();
            });
        }
    }

    /** Publishes one reply to a request's reply topic. */
    public CompletableFuture<MessageId> reply(String replyTopic, Map<String, String> properties, byte[] body) {
        return replyProducers.computeIfAbsent(replyTopic, this::openReplyProducer)
                .thenCompose(producer -> producer.newMessage().value(body).properties(properties).sendAsync());
    }

    private CompletableFuture<Producer<byte[]>> openReplyProducer(String topic) {
        // Replies are latency-bound and go one by one: no batching delay.
        CompletableFuture<Producer<byte[]>> opening = client.newProducer(Schema.BYTES).topic(topic)
                .enableBatching(false).blockIfQueueFull(false).createAsync();
        opening.whenComplete((producer, error) -> {
            if (error != null) {
                LOG.warn("Cannot open a producer for reply topic {}: {}; the next reply retries", topic, error.toString());
                replyProducers.remove(topic);
            }
        });
        return opening;
    }

    /** A producer for {@code Context.newOutputMessage} and {@code Context.publish}, opened once per topic and schema. */
    @SuppressWarnings("unchecked")
    public <T> Producer<T> producer(String topic, Schema<T> schema) throws PulsarClientException {
        String key = topic + "|" + schema.getSchemaInfo().getType() + "|" + schema.getSchemaInfo().getName();
        Producer<?> existing = contextProducers.get(key);
        if (existing != null) {
            return (Producer<T>) existing;
        }
        synchronized (contextProducers) {
            existing = contextProducers.get(key);
            if (existing == null) {
                existing = client.newProducer(schema).topic(topic).blockIfQueueFull(false)
                        .batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS).create();
                contextProducers.put(key, existing);
            }
            return (Producer<T>) existing;
        }
    }

    @Override
    public void close() {
        if (output != null) {
            output.closeAsync().exceptionally(e -> null).join();
        }
        contextProducers.values().forEach(producer -> producer.closeAsync().exceptionally(e -> null).join());
        replyProducers.values().forEach(opening -> opening.thenCompose(Producer::closeAsync).exceptionally(e -> null).join());
    }
}
