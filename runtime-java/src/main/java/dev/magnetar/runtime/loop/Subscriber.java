package dev.magnetar.runtime.loop;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.runtime.input.InputConsumer;
import dev.magnetar.runtime.input.MergedInputs;
import dev.magnetar.runtime.input.SingleInput;
import dev.magnetar.runtime.schema.InputGroup;
import dev.magnetar.runtime.schema.SchemaChoice;
import dev.magnetar.runtime.schema.SchemaLookupException;
import dev.magnetar.runtime.schema.TopicSchemas;
import dev.magnetar.runtime.schema.UnregisteredSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the output producer and the input subscription, retrying with back-off: a replica often
 * starts while the broker, or the function's namespace, is still being set up. The replica is not
 * ready (HTTP 503) until this succeeds, and a stop request ends the waiting at once.
 *
 * <p>Input topics without a schema that are already in use (the gateway's bytes wait there for a function scaled
 * to zero, or a plain producer is connected) refuse a consumer that would register one; such inputs are read as
 * bytes and decoded with the function's schema instead (see {@link UnregisteredSchema}).
 */
public final class Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
    private static final long FIRST_RETRY_MS = 250;
    private static final long MAX_RETRY_MS = 5_000;
    private static final long STOP_CHECK_MS = 200;

    /** Waits up to the given time for a stop request; true when one came. */
    public interface StopRequest {
        boolean await(long millis) throws InterruptedException;
    }

    private final PulsarClient client;
    private final ResolvedFunction function;
    private final String consumerName;
    private final Publisher publisher;
    private final TopicSchemas topics;
    /** What each group of inputs is read with; a group's schema is swapped when its topics must be read as bytes. */
    private final List<InputGroup> groups;

    /** {@code groups}: the inputs by the schema they are read with; {@code topics}: their registered schemas. */
    public Subscriber(PulsarClient client, ResolvedFunction function, String consumerName, Publisher publisher,
                      List<InputGroup> groups, TopicSchemas topics) {
        this.client = client;
        this.groups = new ArrayList<>(groups);
        this.topics = topics;
        this.function = function;
        this.consumerName = consumerName;
        this.publisher = publisher;
    }

    /** The inputs' consumer(s), or null when a stop was requested first. */
    public InputConsumer subscribe(StopRequest stop) throws InterruptedException {
        long delay = FIRST_RETRY_MS;
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<InputConsumer> subscribing = publisher.start().thenCompose(started -> open());
            // Waits on the subscription itself, so it is used the moment it is made; a stop is seen within the check.
            while (!settled(subscribing)) {
                if (stop.await(0)) {
                    subscribing.thenAccept(Subscriber::closeQuietly);
                    return null;
                }
            }
            if (!subscribing.isCompletedExceptionally()) {
                return subscribing.join();
            }
            Throwable error = subscribing.handle((consumer, e) -> e).join();
            if (readAsBytesInstead(error)) {
                continue;
            }
            LOG.warn("Cannot subscribe to {} (attempt {}): {}; retrying in {} ms. Check that the broker is up and the"
                    + " function's tenant, namespace and topics exist.", inputs(), attempt,
                    FunctionInvoker.describe(error), delay);
            if (stop.await(delay)) {
                return null;
            }
            delay = Math.min(MAX_RETRY_MS, delay * 2);
        }
    }

    /** One consumer when the inputs agree on a schema; else one per group, on the same subscription. */
    private CompletableFuture<InputConsumer> open() {
        if (groups.size() == 1) {
            InputGroup group = groups.get(0);
            return ConsumerFactory.subscribe(client, function, consumerName, group, null, 1)
                    .thenApply(consumer -> new SingleInput(consumer, group.schema()));
        }
        MergedInputs merged = new MergedInputs(groups.size());
        CompletableFuture<?>[] each = new CompletableFuture<?>[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            InputGroup group = groups.get(i);
            each[i] = ConsumerFactory.subscribe(client, function, consumerName, group, merged, groups.size())
                    .thenAccept(consumer -> merged.add(group.topics(), consumer, group.schema()));
        }
        // A group that failed leaves the others open: they are closed, and the attempt fails with its reason.
        return CompletableFuture.allOf(each).handle((done, error) -> {
            if (error != null) {
                closeQuietly(merged);
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            return merged;
        });
    }

    private static void closeQuietly(InputConsumer consumer) {
        try {
            consumer.close();
        } catch (PulsarClientException | RuntimeException e) {
            LOG.debug("Closing an input consumer failed: {}", e.toString());
        }
    }

    /**
     * True when the broker refused the input schema because the inputs are in use without one: the schema is then
     * swapped for one that reads their bytes and decodes them with it.
     */
    private boolean readAsBytesInstead(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof PulsarClientException.IncompatibleSchemaException) || function.inputs().isEmpty()) {
            return false;
        }
        boolean swapped = false;
        for (int i = 0; i < groups.size(); i++) {
            InputGroup group = groups.get(i);
            if (!(group.schema() instanceof UnregisteredSchema) && registers(group.schema()) && noSchema(group)) {
                LOG.info("Input topics {} have no schema and are in use, so the broker will not register a {} schema"
                        + " on them: their messages are read as bytes and decoded with it", group.topics(),
                        SchemaChoice.typeOf(group.schema()));
                groups.set(i, new InputGroup(group.topics(), UnregisteredSchema.reading(group.schema())));
                swapped = true;
            }
        }
        return swapped;
    }

    /** True when none of the group's topics has a schema registered (false when that cannot be looked up). */
    private boolean noSchema(InputGroup group) {
        try {
            for (String topic : group.topics()) {
                if (topics.of(topic).map(SchemaInfo::getType).filter(type -> type != SchemaType.NONE).isPresent()) {
                    return false;
                }
            }
            return true;
        } catch (SchemaLookupException e) {
            return false;
        }
    }

    /** Whether subscribing with {@code schema} asks the broker to register or check one. */
    private static boolean registers(Schema<?> schema) {
        SchemaType type = SchemaChoice.typeOf(schema);
        return type != SchemaType.BYTES && type != SchemaType.NONE && type != SchemaType.AUTO_CONSUME;
    }

    /** Waits up to the stop check's interval for {@code subscribing}; true once it is done, either way. */
    private static boolean settled(CompletableFuture<InputConsumer> subscribing) throws InterruptedException {
        try {
            subscribing.get(STOP_CHECK_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A failure is read below; a timeout only means: look for a stop, then wait again.
        }
        return subscribing.isDone();
    }

    private Object inputs() {
        return function.inputs().isEmpty() ? function.topicsPattern() : function.inputs();
    }
}
