package dev.magnetar.gateway.async;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.TableView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every asynchronous call the gateways keep, on a compacted Pulsar topic keyed by call id, read by each gateway
 * through a {@link TableView}. Pulsar rather than one instance's memory: any instance answers {@code GET /calls/{id}}
 * and delivers any result, also after the instance that accepted the call is gone, and a new instance finds every
 * kept call by reading the topic. Compaction keeps only the latest record per call, and a tombstone (an empty value)
 * removes one, from the topic and from every table view. Each instance sends tombstones for what {@link KeptCalls}
 * says to forget, which bounds the topic and each view's memory; two instances forgetting the same call send the same
 * tombstone twice, which is harmless.
 *
 * <p>A table view follows the topic a little behind its writers: a lookup that misses asks the view to catch up with
 * the topic first, so a call just accepted by any instance is found.
 */
final class CallStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallStore.class);
    private static final int SEND_TIMEOUT_SECONDS = 30;

    private final PulsarClient client;
    private final String topic;
    private final KeptCalls kept;
    private final Clock clock;
    private volatile TableView<byte[]> table;
    private volatile Producer<byte[]> producer;
    private CompletableFuture<Void> started;

    CallStore(PulsarClient client, String topic, KeptCalls kept, Clock clock) {
        this.client = client;
        this.topic = topic;
        this.kept = kept;
        this.clock = clock;
    }

    /** Opens the producer and reads the topic into the table view; once opened, calling it again does nothing. */
    synchronized CompletableFuture<Void> start() {
        if (started != null && !started.isCompletedExceptionally()) {
            return started;
        }
        CompletableFuture<Producer<byte[]>> opening = producer != null ? CompletableFuture.completedFuture(producer)
                : client.newProducer().topic(topic).enableBatching(false).blockIfQueueFull(false)
                        .sendTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).createAsync();
        started = opening.thenCompose(opened -> {
            producer = opened;
            return client.newTableView().topic(topic).createAsync();
        }).thenAccept(view -> {
            view.forEachAndListen(this::onChange);
            table = view;
            LOG.info("Async calls: {} kept on {}", kept.size(), topic);
        });
        return started;
    }

    String topic() {
        return topic;
    }

    /** The call as this instance's view has it, or empty when the view has none (or has not started). */
    Optional<CallRecord> find(String id) {
        TableView<byte[]> view = table;
        if (view == null) {
            return Optional.empty();
        }
        byte[] value = view.get(id);
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(CallRecordCodec.decode(value));
        } catch (IllegalArgumentException e) {
            LOG.debug("Ignored call {} on {}: {}", id, topic, e.getMessage());
            return Optional.empty();
        }
    }

    /** The call, after catching up with the topic when this view does not have it yet. */
    CompletableFuture<Optional<CallRecord>> findFresh(String id) {
        Optional<CallRecord> found = find(id);
        TableView<byte[]> view = table;
        if (found.isPresent() || view == null) {
            return CompletableFuture.completedFuture(found);
        }
        return view.refreshAsync().thenApply(caughtUp -> find(id));
    }

    /** Writes the call's record; completes when the broker has it. */
    CompletableFuture<Void> put(CallRecord record) {
        return send(record.id(), CallRecordCodec.encode(record));
    }

    /** Forgets the call everywhere: a tombstone. */
    CompletableFuture<Void> forget(String id) {
        return send(id, new byte[0]);
    }

    /** Sends the tombstones the bound asks for now. */
    void sweep() {
        if (table == null) {
            return;
        }
        List<String> ids = kept.toForget(clock.millis());
        for (String id : ids) {
            forget(id).whenComplete((sent, error) -> {
                if (error != null) {
                    kept.stillKept(id);
                    LOG.debug("Could not forget call {} on {}: {}; trying again later", id, topic, error.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        TableView<byte[]> view = table;
        if (view != null) {
            view.closeAsync().exceptionally(error -> null);
        }
        Producer<byte[]> opened = producer;
        if (opened != null) {
            opened.closeAsync().exceptionally(error -> null);
        }
    }

    private CompletableFuture<Void> send(String id, byte[] value) {
        Producer<byte[]> opened = producer;
        if (opened == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the calls topic " + topic
                    + " is not open yet"));
        }
        return opened.newMessage().key(id).value(value).sendAsync().thenApply(messageId -> null);
    }

    private void onChange(String id, byte[] value) {
        if (value == null || value.length == 0) {
            kept.forgotten(id);
            return;
        }
        try {
            kept.kept(CallRecordCodec.decode(value));
        } catch (IllegalArgumentException e) {
            LOG.debug("Ignored call {} on {}: {}", id, topic, e.getMessage());
            return;
        }
        // Over the bound after this write: make room now rather than at the next periodic sweep.
        sweep();
    }
}
