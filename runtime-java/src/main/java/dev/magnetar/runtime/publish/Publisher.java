package dev.magnetar.runtime.publish;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.schema.FunctionSchemas;
import dev.magnetar.runtime.schema.SchemaChoice;
import dev.magnetar.runtime.schema.TopicSchemas;
import java.time.Duration;
import java.util.Base64;
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
import org.apache.pulsar.functions.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every producer a replica uses: the output topic's (typed by the output schema, which it registers on the topic), one
 * per reply topic (a gateway instance each), and the ones the function opens through its Context or with returned
 * records (one per topic and schema). Sends are asynchronous; the returned futures complete when the broker has the
 * message.
 */
public final class Publisher implements AutoCloseable {
    /** Pulsar's function instances name the input of every output message with these, and so does the replica. */
    public static final String INPUT_TOPIC = "__pfn_input_topic__";
    public static final String INPUT_MESSAGE_ID = "__pfn_input_msg_id__";
    /**
     * Request-only properties, and the request's content type, which would mislabel the output. The
     * output carries no content type of its own (as in Pulsar Functions); the reply, which answers an
     * HTTP caller, does carry one. The input's own input names are replaced by the input's.
     */
    private static final Set<String> NOT_FORWARDED = Set.of(MessageProperties.REPLY_TO, MessageProperties.DEADLINE,
            MessageProperties.CONTENT_TYPE, INPUT_TOPIC, INPUT_MESSAGE_ID);
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
    private final TopicProducers others;
    private final DeadLetterProducer deadLetters;
    private final Schema<?> outputSchema;
    private final String outputSchemaType;
    /** A key/value output with the key kept apart: the value's key is the message key, not the input's. */
    private final boolean keyFromValue;
    private volatile Producer<Object> output;
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
        this(client, outputTopic, batchDelay, flushWhenIdle, null);
    }

    /** {@code schemas}: what the output is written with; null for bytes, and schemas by type without lookups. */
    public Publisher(PulsarClient client, String outputTopic, Duration batchDelay, boolean flushWhenIdle,
                     FunctionSchemas schemas) {
        this.outputSchema = schemas == null ? Schema.BYTES : schemas.output();
        this.others = new TopicProducers(client, schemas == null
                ? new SchemaChoice(TopicSchemas.NONE, Publisher.class.getClassLoader()) : schemas.choice());
        this.outputSchemaType = schemas == null ? "BYTES" : schemas.outputSchemaType();
        this.keyFromValue = outputSchema instanceof org.apache.pulsar.client.api.schema.KeyValueSchema<?, ?> keyValue
                && keyValue.getKeyValueEncodingType() == org.apache.pulsar.common.schema.KeyValueEncodingType.SEPARATED;
        this.deadLetters = new DeadLetterProducer(client);
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
        return forReplica(client, outputTopic, senderFlushes, null);
    }

    /** As {@link #forReplica(PulsarClient, String, boolean)}, writing the output with the schemas picked for it. */
    public static Publisher forReplica(PulsarClient client, String outputTopic, boolean senderFlushes,
                                       FunctionSchemas schemas) {
        return new Publisher(client, outputTopic, Duration.ofMillis(BATCH_DELAY_MS), senderFlushes, schemas);
    }

    /**
     * Opens the output producer (once), so a missing permission or an incompatible schema shows at start, not on the
     * first message. A generic (AUTO_CONSUME) output has no producer of its own: each result goes with its schema.
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Void> start() {
        if (outputTopic == null || output != null || outputSchema == null
                || SchemaChoice.typeOf(outputSchema) == org.apache.pulsar.common.schema.SchemaType.AUTO_CONSUME) {
            return CompletableFuture.completedFuture(null);
        }
        return client.newProducer((Schema<Object>) outputSchema).topic(outputTopic)
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
    public CompletableFuture<?> output(Message<?> input, Payload payload) {
        if (payload == null) {
            return NOTHING_SENT;
        }
        if (payload.record() != null || payload.schema() != outputSchema) {
            return outputOwnSchema(input, payload);
        }
        if (output == null) {
            return NOTHING_SENT;
        }
        TypedMessageBuilder<Object> message = output.newMessage().value(payload.value());
        // Straight into the builder, without an intermediate map: this runs once per message.
        input.getProperties().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name)) {
                message.property(name, value);
            }
        });
        if (input.hasKey() && !keyFromValue) {
            message.key(input.getKey());
        }
        if (input.hasOrderingKey()) {
            message.orderingKey(input.getOrderingKey());
        }
        if (input.getEventTime() > 0) {
            message.eventTime(input.getEventTime());
        }
        nameInput(input, message);
        CompletableFuture<MessageId> sent = message.sendAsync();
        if (flushWhenIdle && !unflushed) {
            // Written once per batch, not per message: a volatile write costs a fence, a read nothing on x86.
            unflushed = true;
        }
        return sent;
    }

    /**
     * A result with a schema of its own (a generic record's, a returned record's), or a returned record going to its
     * destination topic: through that topic's producer for that schema. A record carries its own key, properties and
     * event time (as Pulsar writes a returned record); a value gets the input's, as the output does.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<?> outputOwnSchema(Message<?> input, Payload payload) {
        Record<?> record = payload.record();
        String topic = record == null ? outputTopic : record.getDestinationTopic().orElse(outputTopic);
        if (topic == null || payload.schema() == null) {
            return NOTHING_SENT;
        }
        try {
            TypedMessageBuilder<Object> message = producer(topic, (Schema<Object>) payload.schema()).newMessage()
                    .value(payload.value());
            if (record == null) {
                forward(input, message);
            } else {
                record.getKey().ifPresent(message::key);
                if (!record.getProperties().isEmpty()) {
                    message.properties(record.getProperties());
                }
                record.getEventTime().ifPresent(message::eventTime);
            }
            nameInput(input, message);
            return message.sendAsync();
        } catch (PulsarClientException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The input's topic and message id (base64 of its serialized form), as Pulsar's sink writes them on every output:
     * a consumer can tell which input an output came from, and Pulsar's own trigger matches its answer this way.
     */
    private static void nameInput(Message<?> input, TypedMessageBuilder<Object> message) {
        if (input == null) {
            return;
        }
        String topic = input.getTopicName();
        if (topic != null) {
            message.property(INPUT_TOPIC, topic);
        }
        MessageId id = input.getMessageId();
        if (id != null) {
            message.property(INPUT_MESSAGE_ID, Base64.getEncoder().encodeToString(id.toByteArray()));
        }
    }

    private static void forward(Message<?> input, TypedMessageBuilder<Object> message) {
        input.getProperties().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name)) {
                message.property(name, value);
            }
        });
        if (input.hasKey()) {
            message.key(input.getKey());
        }
        if (input.getEventTime() > 0) {
            message.eventTime(input.getEventTime());
        }
    }

    /** What {@code Context.getOutputSchemaType} answers. */
    public String outputSchemaType() {
        return outputSchemaType;
    }

    /**
     * {@code Context.publish}: {@code value} to {@code topic} with the schema Pulsar's function instance picks for the
     * value's class and {@code schemaOrSerdeClassName} (a schema type, a schema or serde class, or blank: by the
     * topic's schema and the class).
     */
    public CompletableFuture<MessageId> publish(String topic, Object value, String schemaOrSerdeClassName) {
        return others.publish(topic, value, schemaOrSerdeClassName);
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
        Producer<Object> producer = output;
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

    /**
     * Writes {@code input} to the dead-letter {@code topic} as Pulsar's dead-letter producer would, with {@code added}
     * among its properties; {@code subscription} is created on the topic so the dead letter is kept until read.
     */
    public CompletableFuture<MessageId> deadLetter(String topic, String subscription, Message<?> input,
                                                   Map<String, String> added) {
        return deadLetters.send(topic, subscription, input, added);
    }

    /** A producer for {@code Context.newOutputMessage} and {@code Context.publish}, opened once per topic and schema. */
    public <T> Producer<T> producer(String topic, Schema<T> schema) throws PulsarClientException {
        return others.producer(topic, schema);
    }

    @Override
    public void close() {
        if (output != null) {
            output.closeAsync().exceptionally(e -> null).join();
        }
        others.close();
        deadLetters.close();
        replyProducers.values().forEach(opening -> opening.thenCompose(Producer::closeAsync).exceptionally(e -> null).join());
    }
}
