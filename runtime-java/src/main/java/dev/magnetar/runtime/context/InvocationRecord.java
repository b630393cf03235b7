package dev.magnetar.runtime.context;

import java.util.Map;
import java.util.Optional;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.functions.api.Record;

/**
 * The record being processed, as {@code Context.getCurrentRecord()} shows it. Acking is the
 * runtime's job (after the outputs are stored), so {@link #ack()} and {@link #fail()} do nothing.
 */
public final class InvocationRecord implements Record<Object> {
    private final Message<byte[]> message;
    private final Object value;
    private final Map<String, String> properties;

    private InvocationRecord(Message<byte[]> message, Object value, Map<String, String> properties) {
        this.message = message;
        this.value = value;
        this.properties = properties;
    }

    public static InvocationRecord of(Message<byte[]> message, Object value) {
        return new InvocationRecord(message, value, message.getProperties());
    }

    /** A direct call (HTTP /invoke): no message, no topic. */
    public static InvocationRecord direct(Object value, Map<String, String> properties) {
        return new InvocationRecord(null, value, Map.copyOf(properties));
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
