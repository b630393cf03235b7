package dev.magnetar.gateway.reply;

import dev.magnetar.bridge.pulsar.PulsarClients;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request producer per topic (and per writer schema, for bodies whose readers need its version), least recently
 * used evicted (and closed) beyond {@code maxProducers}. A producer that failed to open is forgotten so the next
 * request retries. Closing waits for the producer's pending sends, so an eviction does not lose requests in flight.
 */
final class ProducerCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerCache.class);

    private final PulsarClient client;
    private final int maxProducers;
    private final Map<String, CompletableFuture<Producer<byte[]>>> producers;

    ProducerCache(PulsarClient client, int maxProducers) {
        if (maxProducers < 1) {
            throw new IllegalArgumentException("maxProducers must be at least 1, was " + maxProducers);
        }
        this.client = client;
        this.maxProducers = maxProducers;
        this.producers = new LinkedHashMap<>(16, 0.75f, true);
    }

    synchronized CompletableFuture<Producer<byte[]>> get(String topic) {
        return get(topic, null);
    }

    /**
     * The producer of {@code topic} whose messages carry the version of {@code writer}, a schema registered on the
     * topic (the broker matches it to its version; nothing new is registered); schema-less bytes when null.
     */
    synchronized CompletableFuture<Producer<byte[]>> get(String topic, SchemaInfo writer) {
        String key = writer == null ? topic : topic + "\n" + writer.getType() + "\n" + fingerprint(writer);
        CompletableFuture<Producer<byte[]>> producer = producers.get(key);
        if (producer == null) {
            producer = (writer == null ? PulsarClients.lowLatencyProducer(client, topic)
                    : PulsarClients.lowLatencyProducer(client, topic, Schema.AUTO_PRODUCE_BYTES(Schema.getSchema(writer))))
                    .createAsync();
            producers.put(key, producer);
            CompletableFuture<Producer<byte[]>> opened = producer;
            producer.whenComplete((p, error) -> {
                if (error != null) {
                    forget(key, opened);
                }
            });
            evictBeyondLimit();
        }
        return producer;
    }

    synchronized int size() {
        return producers.size();
    }

    @Override
    public void close() {
        List<CompletableFuture<Producer<byte[]>>> all;
        synchronized (this) {
            all = new ArrayList<>(producers.values());
            producers.clear();
        }
        all.forEach(ProducerCache::closeQuietly);
    }

    private void evictBeyondLimit() {
        var iterator = producers.entrySet().iterator();
        while (producers.size() > maxProducers && iterator.hasNext()) {
            var eldest = iterator.next();
            iterator.remove();
            LOG.debug("Closing the request producer of {}: more than {} topics in use", eldest.getKey(), maxProducers);
            closeQuietly(eldest.getValue());
        }
    }

    private synchronized void forget(String key, CompletableFuture<Producer<byte[]>> producer) {
        producers.remove(key, producer);
    }

    private static String fingerprint(SchemaInfo schema) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(schema.getSchema()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static void closeQuietly(CompletableFuture<Producer<byte[]>> producer) {
        producer.thenCompose(Producer::closeAsync).exceptionally(error -> {
            LOG.debug("Request producer closed with an error: {}", error.toString());
            return null;
        });
    }
}
