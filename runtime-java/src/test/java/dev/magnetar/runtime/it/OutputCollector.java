package dev.magnetar.runtime.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;

/**
 * Reads a topic in the background from its start, counting distinct values (its bytes as UTF-8 text) and duplicates.
 * It reads bytes, so it registers no schema on the topic and reads whatever schema the function writes with.
 */
final class OutputCollector implements AutoCloseable {
    private final Consumer<byte[]> consumer;
    private final Map<String, Message<byte[]>> first = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Queue<String> arrivals = new ConcurrentLinkedQueue<>();
    private final Thread reader;
    private volatile boolean running = true;

    private OutputCollector(Consumer<byte[]> consumer) {
        this.consumer = consumer;
        this.reader = new Thread(this::read, "output-collector");
        reader.setDaemon(true);
        reader.start();
    }

    static OutputCollector on(PulsarClient client, String topic) throws PulsarClientException {
        return new OutputCollector(client.newConsumer(Schema.BYTES).topic(topic).subscriptionName("it-check")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).receiverQueueSize(1000).subscribe());
    }

    private void read() {
        while (running) {
            try {
                Message<byte[]> message = consumer.receive(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    String value = new String(message.getValue(), StandardCharsets.UTF_8);
                    total.incrementAndGet();
                    arrivals.add(value);
                    first.putIfAbsent(value, message);
                    consumer.acknowledgeAsync(message);
                }
            } catch (PulsarClientException e) {
                return;
            }
        }
    }

    int distinct() {
        return first.size();
    }

    int total() {
        return total.get();
    }

    int duplicates() {
        return total.get() - first.size();
    }

    /** Every value in the order it arrived (one consumer on one topic: the topic's order). */
    List<String> inArrivalOrder() {
        return List.copyOf(arrivals);
    }

    /** How often {@code value} arrived. */
    long count(String value) {
        return arrivals.stream().filter(value::equals).count();
    }

    /**
     * Which of {@code m-0!} .. {@code m-(count-1)!} (the exclamation of {@link Inputs#publish}'s messages) never
     * arrived. A set lookup each: AssertJ's {@code containsAll} compares element by element, minutes at 100,000.
     */
    List<String> missingExclamations(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m-" + i + "!").filter(value -> !first.containsKey(value)).toList();
    }

    Set<String> values() {
        return first.keySet();
    }

    Message<byte[]> message(String value) {
        return first.get(value);
    }

    @Override
    public void close() throws Exception {
        running = false;
        reader.join(2_000);
        consumer.close();
    }
}
