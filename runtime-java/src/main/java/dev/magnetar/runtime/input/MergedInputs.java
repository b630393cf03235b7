package dev.magnetar.runtime.input;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageListener;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.naming.TopicName;

/**
 * Input topics that need different schemas, read by one consumer per schema on the same subscription, as Pulsar's
 * instance reads them (its MultiConsumerPulsarSource). Each consumer hands its messages over through its listener;
 * a listener waits while the loop has not taken the previous ones, so each consumer's receiver queue fills and the
 * broker stops dispatching to it: the prefetch stays bounded (see {@link #maxHeld}). A message is acked through the
 * consumer of its topic.
 */
public final class MergedInputs implements InputConsumer, MessageListener<Object> {
    private static final long HAND_OFF_CHECK_MS = 100;

    /** One consumer and its schema, found by a message's topic. */
    private record Route(Consumer<Object> consumer, Schema<?> schema) {
    }

    private final BlockingQueue<Message<Object>> handOff;
    private final List<Consumer<Object>> consumers = new CopyOnWriteArrayList<>();
    /** By topic, partitions under their topic's name; filled as the consumers are added. */
    private final Map<String, Route> byTopic = new ConcurrentHashMap<>();
    /** By a message's own topic name (a partition's, say), resolved once. */
    private final Map<String, Route> byMessageTopic = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** {@code consumers}: how many consumers will hand messages over. */
    public MergedInputs(int consumers) {
        this.handOff = new ArrayBlockingQueue<>(consumers);
    }

    /**
     * The most messages held here beyond the consumers' receiver queues: those waiting in the hand-off, and one in
     * each listener waiting to hand its message over.
     */
    public static int maxHeld(int consumers) {
        return 2 * consumers;
    }

    /** Adds the consumer of {@code topics}, which reads them with {@code reading} and has this as its listener. */
    public void add(List<String> topics, Consumer<Object> consumer, Schema<?> reading) {
        Route route = new Route(consumer, InputConsumer.shown(reading));
        for (String topic : topics) {
            byTopic.put(TopicName.get(topic).getPartitionedTopicName(), route);
        }
        consumers.add(consumer);
    }

    /** From a consumer's listener thread: waits for room while open; a message left here goes back when it closes. */
    @Override
    public void received(Consumer<Object> consumer, Message<Object> message) {
        try {
            while (!closed) {
                if (handOff.offer(message, HAND_OFF_CHECK_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Message<Object> receive(int timeoutMs) throws PulsarClientException {
        try {
            return handOff.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PulsarClientException(e);
        }
    }

    @Override
    public void acknowledge(Message<?> message) {
        route(message).consumer().acknowledgeAsync(message.getMessageId());
    }

    @Override
    public void negativeAcknowledge(Message<?> message) {
        route(message).consumer().negativeAcknowledge(message);
    }

    @Override
    public Schema<?> schemaOf(Message<?> message) {
        return route(message).schema();
    }

    @Override
    public int consumers() {
        return consumers.size();
    }

    /** Closes every consumer; their unacked messages, those waiting here included, go back to the subscription. */
    @Override
    public void close() throws PulsarClientException {
        closed = true;
        handOff.clear();
        try {
            CompletableFuture.allOf(consumers.stream().map(Consumer::closeAsync).toArray(CompletableFuture[]::new))
                    .join();
        } catch (RuntimeException e) {
            throw PulsarClientException.unwrap(e.getCause() != null ? e.getCause() : e);
        }
    }

    private Route route(Message<?> message) {
        return byMessageTopic.computeIfAbsent(message.getTopicName(), name -> {
            Route route = byTopic.get(TopicName.get(name).getPartitionedTopicName());
            if (route == null) {
                throw new IllegalStateException("message " + message.getMessageId() + " came from " + name
                        + ", which is none of the input topics " + byTopic.keySet());
            }
            return route;
        });
    }
}
