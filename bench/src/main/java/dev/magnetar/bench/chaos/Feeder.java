package dev.magnetar.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;

/**
 * A topic producer feeding numbered inputs ({@code m-0}, {@code m-1}, ...) at a steady rate. Its sends never time out:
 * across a broker outage they wait and go out once it is back, so an input counts as accepted exactly when the broker
 * acknowledged (stored) it.
 */
final class Feeder implements AutoCloseable {
    static final String PREFIX = "m-";
    static final int RATE_PER_SECOND = 200;
    /** While the broker is away the sends queue up to this many, then the feeder waits. */
    static final int MAX_PENDING = 20_000;
    static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(5);

    private final Producer<byte[]> producer;
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    private final Set<Long> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    private Feeder(Producer<byte[]> producer) {
        this.producer = producer;
        this.thread = new Thread(this::feed, "chaos-feeder");
    }

    static Feeder start(PulsarClient client, String topic) throws PulsarClientException {
        Producer<byte[]> producer = client.newProducer(Schema.BYTES).topic(topic)
                .sendTimeout(0, TimeUnit.SECONDS).blockIfQueueFull(true).maxPendingMessages(MAX_PENDING).create();
        Feeder feeder = new Feeder(producer);
        feeder.thread.start();
        return feeder;
    }

    static String body(long id) {
        return PREFIX + id;
    }

    private void feed() {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
        long next = System.nanoTime();
        for (long id = 0; running; id++) {
            long thisId = id;
            sentAt.put(thisId, System.nanoTime());
            producer.sendAsync(body(thisId).getBytes(StandardCharsets.UTF_8)).whenComplete((messageId, failure) -> {
                if (failure == null) {
                    accepted.add(thisId);
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, failure);
                }
            });
            // A feeder that was held up (queue full, broker away) does not burst to catch up: the rate stays steady.
            next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
        }
    }

    /** Stops sending and waits until every send so far is acknowledged (the broker must be up). */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
        try {
            producer.flushAsync().get(FLUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            firstFailure.compareAndSet(null, e);
        }
    }

    /** Per id, when the producer was handed it ({@link System#nanoTime()}). */
    Map<Long, Long> sentAt() {
        return sentAt;
    }

    Set<Long> accepted() {
        return accepted;
    }

    long failed() {
        return failed.get();
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        producer.closeAsync();
    }
}
