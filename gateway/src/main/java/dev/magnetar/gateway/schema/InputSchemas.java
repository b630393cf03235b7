package dev.magnetar.gateway.schema;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.impl.PulsarClientImpl;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link InputFormat} of each input topic, from the schema registered on it in the broker's schema registry.
 * Known formats are answered from memory: a topic is looked up on its first call, then again in the background
 * once its entry is older than the time to live, while calls go on with the format known so far. A lookup that
 * fails leaves the format as it was (bodies as they are, for a topic never looked up) and is tried again after
 * at most a second.
 */
public final class InputSchemas {
    private static final Logger LOG = LoggerFactory.getLogger(InputSchemas.class);
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Function<String, CompletableFuture<Optional<SchemaInfo>>> lookup;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(CompletableFuture<InputFormat> format, long expiresAt) {
    }

    public InputSchemas(Function<String, CompletableFuture<Optional<SchemaInfo>>> lookup, Duration ttl,
                        LongSupplier nanoClock) {
        this.lookup = lookup;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Schemas as the broker that {@code client} is connected to has them. */
    public static InputSchemas of(PulsarClient client, Duration ttl) {
        if (!(client instanceof PulsarClientImpl impl)) {
            LOG.warn("The Pulsar client is a {}, which cannot look up topic schemas: request bodies go to input "
                    + "topics as they are", client.getClass().getName());
            return new InputSchemas(topic -> CompletableFuture.completedFuture(Optional.empty()), ttl,
                    System::nanoTime);
        }
        return new InputSchemas(impl::getSchema, ttl, System::nanoTime);
    }

    /**
     * The format of {@code topic}: already complete unless this is the topic's first call. Never completes
     * exceptionally.
     */
    public CompletableFuture<InputFormat> of(String topic) {
        Entry entry = entries.get(topic);
        long now = nanoClock.getAsLong();
        if (entry != null && now - entry.expiresAt < 0) {
            return entry.format;
        }
        if (entry == null) {
            CompletableFuture<InputFormat> first = new CompletableFuture<>();
            Entry created = new Entry(first, now + ttlNanos);
            Entry existing = entries.putIfAbsent(topic, created);
            if (existing != null) {
                return existing.format;
            }
            refresh(topic, created, InputFormat.RAW);
            return first;
        }
        // Stale: one caller starts the refresh, and every call goes on with the format known so far.
        Entry refreshing = new Entry(entry.format, now + ttlNanos);
        if (entry.format.isDone() && entries.replace(topic, entry, refreshing)) {
            refresh(topic, refreshing, entry.format.join());
        }
        return entry.format;
    }

    private void refresh(String topic, Entry current, InputFormat previous) {
        CompletableFuture<Optional<SchemaInfo>> found;
        try {
            found = lookup.apply(topic);
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        found.whenComplete((schema, error) -> {
            InputFormat format = previous;
            long expiresAt = nanoClock.getAsLong() + ttlNanos;
            if (error != null) {
                LOG.warn("Cannot look up the schema of input topic {} ({}): request bodies go as {} until it is known",
                        topic, error.getMessage(), previous.raw() ? "they are" : "before");
                expiresAt = nanoClock.getAsLong() + Math.min(ttlNanos, RETRY_NANOS);
            } else {
                try {
                    format = InputFormat.of(schema.orElse(null));
                } catch (RuntimeException e) {
                    LOG.warn("The schema of input topic {} cannot be used to convert request bodies ({}): they go as"
                            + " they are", topic, e.getMessage());
                    format = InputFormat.RAW;
                }
            }
            Entry done = new Entry(CompletableFuture.completedFuture(format), expiresAt);
            if (current.format.isDone()) {
                entries.replace(topic, current, done);
            } else {
                // The first lookup: callers hold this future, which must complete with the format.
                entries.replace(topic, current, new Entry(current.format, expiresAt));
                current.format.complete(format);
            }
        });
    }
}
