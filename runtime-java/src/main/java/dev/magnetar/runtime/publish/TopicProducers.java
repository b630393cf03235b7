package dev.magnetar.runtime.publish;

import dev.magnetar.runtime.schema.SchemaChoice;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;

/**
 * The producers a replica opens besides its output's: for {@code Context.newOutputMessage} and {@code Context.publish},
 * and for results with a schema or topic of their own (returned records, generic records). One per topic and schema;
 * schemas that register the same thing share one.
 */
final class TopicProducers {
    private final PulsarClient client;
    private final SchemaChoice choice;
    private final Map<String, Producer<?>> producers = new ConcurrentHashMap<>();
    /** What Context.publish picked, per topic, value class and schema type or serde (as Pulsar caches them). */
    private final Map<String, Schema<?>> publishSchemas = new ConcurrentHashMap<>();

    TopicProducers(PulsarClient client, SchemaChoice choice) {
        this.client = client;
        this.choice = choice;
    }

    /** The producer of {@code topic} for {@code schema}, opened on first use. */
    @SuppressWarnings("unchecked")
    <T> Producer<T> producer(String topic, Schema<T> schema) throws PulsarClientException {
        String key = topic + "|" + identity(schema);
        Producer<?> existing = producers.get(key);
        if (existing != null) {
            return (Producer<T>) existing;
        }
        synchronized (producers) {
            existing = producers.get(key);
            if (existing == null) {
                existing = client.newProducer(schema).topic(topic).blockIfQueueFull(false)
                        .batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS).create();
                producers.put(key, existing);
            }
            return (Producer<T>) existing;
        }
    }

    /** {@code value} to {@code topic} with the schema Pulsar's function instance picks (see {@link SchemaChoice}). */
    @SuppressWarnings("unchecked")
    CompletableFuture<MessageId> publish(String topic, Object value, String schemaOrSerdeClassName) {
        String setting = schemaOrSerdeClassName == null ? "" : schemaOrSerdeClassName;
        try {
            Schema<?> schema = publishSchemas.computeIfAbsent(topic + "|" + value.getClass().getName() + "|" + setting,
                    key -> choice.forValue(value.getClass(), topic, setting));
            return producer(topic, (Schema<Object>) schema).newMessage().value(value).sendAsync();
        } catch (PulsarClientException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    void close() {
        producers.values().forEach(producer -> producer.closeAsync().exceptionally(e -> null).join());
    }

    /** What a schema registers; a generic one has no info until it has read, so it stands for itself. */
    private static String identity(Schema<?> schema) {
        SchemaInfo info = schema.getSchemaInfo();
        if (info == null) {
            return schema.getClass().getName() + "@" + System.identityHashCode(schema);
        }
        return info.getType() + "|" + info.getName() + "|" + Arrays.hashCode(info.getSchema()) + "|"
                + info.getProperties().hashCode();
    }
}
