package dev.magnetar.runtime.input;

import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;

/** Every input read by one consumer with one schema: the common case, the Pulsar consumer used as it is. */
public final class SingleInput implements InputConsumer {
    private final Consumer<Object> consumer;
    private final Schema<?> schema;

    /** {@code reading}: what {@code consumer} reads with. */
    public SingleInput(Consumer<Object> consumer, Schema<?> reading) {
        this.consumer = consumer;
        this.schema = InputConsumer.shown(reading);
    }

    @Override
    public Message<Object> receive(int timeoutMs) throws PulsarClientException {
        return consumer.receive(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void acknowledge(Message<?> message) {
        consumer.acknowledgeAsync(message.getMessageId());
    }

    @Override
    public void negativeAcknowledge(Message<?> message) {
        consumer.negativeAcknowledge(message);
    }

    @Override
    public Schema<?> schemaOf(Message<?> message) {
        return schema;
    }

    @Override
    public int consumers() {
        return 1;
    }

    @Override
    public void close() throws PulsarClientException {
        consumer.close();
    }
}
