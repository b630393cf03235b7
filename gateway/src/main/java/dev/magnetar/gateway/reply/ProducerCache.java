package dev.magnetar.gateway.reply;

import dev.magnetar.bridge.pulsar.PulsarClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request producer per topic, least recently used evicted (and closed) beyond
 * {@code maxProducers}. A producer that failed to open is forgotten so the next request retries.
 * Closing waits for the producer's pending sends, so an eviction does not lose requests in flight.
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
        CompletableFuture<Producer<byte[]>> producer = producers.get(topic);
        if (producer == null) {
            producer = PulsarClients.lowLatencyProducer(client, topic).createAsync();
            producers.put(topic, producer);
            CompletableFuture<Producer<byte[]>> opened = producer;
            producer.whenComplete((p, error) -> {
                if (error != null) {
                    forget(topic, opened);
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

    private synchronized void forget(String topic, CompletableFuture<Producer<byte[]>> producer) {
        producers.remove(topic, producer);
    }

    private static void closeQuietly(CompletableFuture<Producer<byte[]>> producer) {
        producer.thenCompose(Producer::closeAsync).exceptionally(error -> {
            LOG.debug("Request producer closed with an error: {}", error.toString());
            return null;
        });
    }
}
