package dev.magnetar.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;

/**
 * Reads the function's output topic from its start and counts, per input id, the distinct output messages carrying
 * it. A Reader (no subscription, no acknowledgements) sees each stored message once; a message it is handed again
 * after a reconnection is recognised by its message id and not counted twice, so every duplicate counted is one the
 * function wrote.
 */
final class OutputReader implements AutoCloseable {
    private final Reader<byte[]> reader;
    private final Thread thread;
    private final Set<MessageId> seen = new HashSet<>();
    private final Map<Long, Integer> counts = new HashMap<>();
    private final Map<Long, Long> firstOutputAt = new HashMap<>();
    private volatile boolean running = true;
    private long callOutputs;

    private OutputReader(Reader<byte[]> reader) {
        this.reader = reader;
        this.thread = new Thread(this::readUntilStopped, "chaos-output-reader");
    }

    static OutputReader start(PulsarClient client, String topic) throws PulsarClientException {
        OutputReader output = new OutputReader(client.newReader(Schema.BYTES).topic(topic)
                .startMessageId(MessageId.earliest).create());
        output.thread.start();
        return output;
    }

    private void readUntilStopped() {
        while (running) {
            try {
                Message<byte[]> message = reader.readNext(1, TimeUnit.SECONDS);
                if (message != null) {
                    record(message, System.nanoTime());
                }
            } catch (PulsarClientException e) {
                // The broker is away; the reader reconnects by itself and resumes after the last message it read.
                sleep();
            }
        }
    }

    private synchronized void record(Message<byte[]> message, long now) {
        if (!seen.add(message.getMessageId())) {
            return;
        }
        String body = new String(message.getData(), StandardCharsets.UTF_8);
        String input = body.endsWith("!") ? body.substring(0, body.length() - 1) : body;
        if (input.startsWith(Feeder.PREFIX)) {
            long id = Long.parseLong(input.substring(Feeder.PREFIX.length()));
            counts.merge(id, 1, Integer::sum);
            firstOutputAt.putIfAbsent(id, now);
        } else {
            callOutputs++;
        }
    }

    /** Whether every one of {@code ids} has come out at least once. */
    synchronized boolean containsAll(Set<Long> ids) {
        return counts.keySet().containsAll(ids);
    }

    /** Per input id, the distinct output messages that carried it. */
    synchronized Map<Long, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** Per input id, when its first output was read ({@link System#nanoTime()}). */
    synchronized Map<Long, Long> firstOutputAt() {
        return Map.copyOf(firstOutputAt);
    }

    /** Outputs of gateway calls: the runtime writes a call's result to the output topic as well. */
    synchronized long callOutputs() {
        return callOutputs;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        reader.closeAsync();
    }
}
