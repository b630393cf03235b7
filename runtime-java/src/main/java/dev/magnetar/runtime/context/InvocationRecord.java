package dev.magnetar.runtime.context;

import java.util.Map;
import java.util.Optional;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.impl.schema.AutoConsumeSchema;
import org.apache.pulsar.functions.api.Record;

/**
 * The record being processed, as {@code Context.getCurrentRecord()} shows it. Acking is the
 * runtime's job (after the outputs are stored), so {@link #ack()} and {@link #fail()} do nothing.
 */
public final class InvocationRecord implements Record<Object> {
    private final Message<?> message;
    private final Object value;
    private final Map<String, String> properties;
    /** What the input was read with; AUTO_CONSUME stands for the schema each message was written with. */
    private final Schema<?> schema;

    private InvocationRecord(Message<?> message, Object value, Map<String, String> properties, Schema<?> schema) {
        this.message = message;
        this.value = value;
        this.properties = properties;
        this.schema = schema;
    }

    /** {@code schema}: what the consumer reads with, or null when not known. */
    public static InvocationRecord of(Message<?> message, Object value, Schema<?> schema) {
        return new InvocationRecord(message, value, message.getProperties(), schema);
    }

    /** A direct call (HTTP /invoke): no message, no topic. */
    public static InvocationRecord direct(Object value, Map<String, String> properties) {
        return new InvocationRecord(null, value, Map.copyOf(properties), null);
    }

    /** A direct call whose input was decoded with {@code schema}. */
    public static InvocationRecord direct(Object value, Map<String, String> properties, Schema<?> schema) {
        return new InvocationRecord(null, value, Map.copyOf(properties), schema);
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

    @Override
    public void ack() {
        // The runtime acks once the outputs and the reply are stored.
    }

    @Override
    public void fail() {
        // The runtime negatively acks when the function throws.
    }
}
