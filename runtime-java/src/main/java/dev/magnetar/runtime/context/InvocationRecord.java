package dev.magnetar.runtime.context;

import dev.magnetar.runtime.input.InputConsumer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.impl.schema.AutoConsumeSchema;
import org.apache.pulsar.functions.api.Record;

/**
 * The record being processed, as {@code Context.getCurrentRecord()} shows it. Usually acking is the
 * runtime's job (after the outputs are stored), and {@link #ack()} and {@link #fail()} do nothing. A
 * record made {@link #settledBy settled by} a consumer (the function's {@code autoAck} is false, or its
 * windows ack) acks or negatively acks its message through it, once: the first of ack() and fail() wins.
 */
public final class InvocationRecord implements Record<Object> {
    private static final AtomicIntegerFieldUpdater<InvocationRecord> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(InvocationRecord.class, "settled");

    private final Message<?> message;
    private final Object value;
    private final Map<String, String> properties;
    /** What the input was read with; AUTO_CONSUME stands for the schema each message was written with. */
    private final Schema<?> schema;
    /** Where ack() and fail() go; null when the runtime settles the message itself. */
    private final InputConsumer consumer;
    /** 1 once acked or failed. */
    private volatile int settled;

    private InvocationRecord(Message<?> message, Object value, Map<String, String> properties, Schema<?> schema,
                             InputConsumer consumer) {
        this.message = message;
        this.value = value;
        this.properties = properties;
        this.schema = schema;
        this.consumer = consumer;
    }

    /** A record of a message read with a schema not known here. */
    public static InvocationRecord of(Message<?> message, Object value) {
        return of(message, value, null);
    }

    /** {@code schema}: what the consumer reads with, or null when not known. */
    public static InvocationRecord of(Message<?> message, Object value, Schema<?> schema) {
        return new InvocationRecord(message, value, message.getProperties(), schema, null);
    }

    /**
     * A record whose {@link #ack()} and {@link #fail()} settle its message through {@code consumer}, once;
     * with a null consumer the same as {@link #of(Message, Object, Schema)}.
     */
    public static InvocationRecord settledBy(Message<?> message, Object value, Schema<?> schema,
                                             InputConsumer consumer) {
        return new InvocationRecord(message, value, message.getProperties(), schema, consumer);
    }

    /** A direct call (HTTP /invoke): no message, no topic. */
    public static InvocationRecord direct(Object value, Map<String, String> properties) {
        return new InvocationRecord(null, value, Map.copyOf(properties), null, null);
    }

    /** A direct call whose input was decoded with {@code schema}. */
    public static InvocationRecord direct(Object value, Map<String, String> properties, Schema<?> schema) {
        return new InvocationRecord(null, value, Map.copyOf(properties), schema, null);
    }

    /** The input's schema: for a generic input the one its message was written with (as Pulsar shows it). */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Schema<Object> getSchema() {
        if (message != null && schema instanceof AutoConsumeSchema) {
            return (Schema) message.getReaderSchema().orElse(null);
        }
        return (Schema) schema;
    }

    @Override
    public Object getValue() {
        return value;
    }

    @Override
    public Optional<String> getTopicName() {
        return message == null ? Optional.empty() : Optional.of(message.getTopicName());
    }

    @Override
    public Optional<String> getKey() {
        return message == null || !message.hasKey() ? Optional.empty() : Optional.of(message.getKey());
    }

    @Override
    public Optional<Long> getEventTime() {
        return message == null || message.getEventTime() == 0 ? Optional.empty() : Optional.of(message.getEventTime());
    }

    @Override
    public Optional<Long> getRecordSequence() {
        return message == null ? Optional.empty() : Optional.of(message.getSequenceId());
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<Message<Object>> getMessage() {
        return Optional.ofNullable((Message) message);
    }

    /** Acks the message when this record settles it and it is not settled yet; otherwise the runtime acks. */
    @Override
    public void ack() {
        if (consumer != null && SETTLED.compareAndSet(this, 0, 1)) {
            // Not watched, as the runtime's own acks: a lost ack only means a redelivery, which at-least-once allows.
            consumer.acknowledge(message);
        }
    }

    /**
     * Negatively acks the message (redelivered after a back-off, to the dead-letter topic after maxRedeliveries) when
     * this record settles it and it is not settled yet; otherwise the runtime does when the function throws.
     */
    @Override
    public void fail() {
        if (consumer != null && SETTLED.compareAndSet(this, 0, 1)) {
            consumer.negativeAcknowledge(message);
        }
    }

    /** True once {@link #ack()} or {@link #fail()} settled the message. */
    public boolean settled() {
        return settled == 1;
    }
}
