package dev.magnetar.runtime.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.apache.pulsar.client.impl.ProducerBuilderImpl;
import org.apache.pulsar.client.util.RetryMessageUtil;
import org.apache.pulsar.common.schema.SchemaInfo;

/**
 * Writes dead letters the way Pulsar's own dead-letter producer does (the input's bytes with the schema it was read
 * with, its keys, event time and properties, plus {@code REAL_TOPIC} and {@code ORIGIN_MESSAGE_ID}), with properties of
 * the caller's added. One producer per topic and input schema, opened on the first dead letter: most replicas never
 * write one. Inputs read with different schemas share the topic: the first schema is registered on it, and the
 * letters of another, which the broker will not register beside it, are written as plain bytes.
 */
final class DeadLetterProducer {
    private final PulsarClient client;
    private final Map<Key, CompletableFuture<Producer<byte[]>>> producers = new ConcurrentHashMap<>();

    /** The dead-letter topic and the definition of the schema its letters are written with (null for bytes). */
    private record Key(String topic, SchemaInfo schema) {
    }

    DeadLetterProducer(PulsarClient client) {
        this.client = client;
    }

    /** {@code subscription} is created on {@code topic} with the producer, so dead letters are kept until read. */
    CompletableFuture<MessageId> send(String topic, String subscription, Message<?> input, Map<String, String> added) {
        Schema<?> schema = input.getReaderSchema().orElse(Schema.BYTES);
        return producers.computeIfAbsent(new Key(topic, schema.getSchemaInfo()), key -> open(key, subscription, schema))
                .thenCompose(producer -> letter(producer, input, added).sendAsync());
    }

    private CompletableFuture<Producer<byte[]>> open(Key key, String subscription, Schema<?> schema) {
        CompletableFuture<Producer<byte[]>> opening = create(key.topic(), subscription, Schema.AUTO_PRODUCE_BYTES(schema))
                .exceptionallyCompose(error -> incompatible(error)
                        ? create(key.topic(), subscription, Schema.BYTES) : CompletableFuture.failedFuture(error));
        opening.whenComplete((producer, error) -> {
            if (error != null) {
                producers.remove(key); // the next dead letter tries again
            }
        });
        return opening;
    }

    private CompletableFuture<Producer<byte[]>> create(String topic, String subscription, Schema<byte[]> schema) {
        // Only the implementation's builder creates a subscription with the producer, as Pulsar's dead-letter path does.
        return ((ProducerBuilderImpl<byte[]>) client.newProducer(schema)).initialSubscriptionName(subscription)
                .topic(topic).enableBatching(false).blockIfQueueFull(false).createAsync();
    }

    /** The topic has another schema, registered by the dead letters of an input read with a different one. */
    private static boolean incompatible(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof PulsarClientException.IncompatibleSchemaException;
    }

    private static TypedMessageBuilder<byte[]> letter(Producer<byte[]> producer, Message<?> input, Map<String, String> added) {
        Map<String, String> properties = new HashMap<>(input.getProperties());
        properties.put(RetryMessageUtil.SYSTEM_PROPERTY_REAL_TOPIC, input.getTopicName());
        properties.put(RetryMessageUtil.PROPERTY_ORIGIN_MESSAGE_ID, input.getMessageId().toString());
        properties.putAll(added);
        TypedMessageBuilder<byte[]> letter = producer.newMessage().value(input.getData()).properties(properties);
        if (input.hasBase64EncodedKey()) {
            letter.keyBytes(input.getKeyBytes());
        } else if (input.hasKey()) {
            letter.key(input.getKey());
        }
        if (input.hasOrderingKey()) {
            letter.orderingKey(input.getOrderingKey());
        }
        if (input.getEventTime() > 0) {
            letter.eventTime(input.getEventTime());
        }
        return letter;
    }

    void close() {
        producers.values().forEach(opening -> opening.thenCompose(Producer::closeAsync).exceptionally(e -> null).join());
    }
}
