package dev.magnetar.runtime.input;

import dev.magnetar.runtime.schema.UnregisteredSchema;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;

/**
 * A replica's input subscription: one consumer when the input topics agree on a schema ({@link SingleInput}), one
 * per schema otherwise ({@link MergedInputs}). A message is settled through the consumer it came from.
 */
public interface InputConsumer extends AutoCloseable {

    /** The next message, waiting up to {@code timeoutMs}; null when none came. */
    Message<Object> receive(int timeoutMs) throws PulsarClientException;

    /** Acks {@code message}; as with Pulsar's {@code acknowledgeAsync}, the outcome is not watched. */
    void acknowledge(Message<?> message);

    void negativeAcknowledge(Message<?> message);

    /** What {@code message} was read with, as {@code Record.getSchema()} shows it. */
    Schema<?> schemaOf(Message<?> message);

    /** How many consumers read the inputs. */
    int consumers();

    @Override
    void close() throws PulsarClientException;

    /** The value schema a consumer reading with {@code reading} shows: a schema-less topic's decoder. */
    static Schema<?> shown(Schema<?> reading) {
        return reading instanceof UnregisteredSchema<?> bytes ? bytes.decoder() : reading;
    }
}
