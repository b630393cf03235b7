package dev.magnetar.runtime.window;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.WindowSpec;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.codec.PayloadCodec;
import dev.magnetar.runtime.codec.PayloadException;
import dev.magnetar.runtime.schema.FunctionSchemas;
import dev.magnetar.runtime.schema.SchemaChoice;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.context.FunctionContext;
import dev.magnetar.runtime.context.InvocationRecord;
import dev.magnetar.runtime.context.WindowContexts;
import dev.magnetar.runtime.input.InputConsumer;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.apache.pulsar.common.schema.SchemaType;
import org.apache.pulsar.functions.api.Record;
import org.apache.pulsar.functions.api.WindowContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A window function's semantics, as Pulsar's window executor has them: each message is decoded (by the consumer's
 * schema, the one picked for the type of one element of the function's windows) and added to the
 * {@link WindowManager} (at its event time, or the time it was received); each window that fires is handed to the
 * function and its result published to the output topic with the output schema; a message is acked when it leaves the window, once the
 * results of its windows are stored (at-least-once), or as it is received (at-most-once). A message behind the
 * watermark is late: it goes to the late-data topic when there is one, and is acked. Every call holds one lock, so
 * windows fire one after another, and their results are sent in order.
 */
public final class WindowExecutor implements WindowListener<WindowedRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowExecutor.class);

    private final Object lock = new Object();
    private final LoadedFunction function;
    private final ContextResources resources;
    private final ResolvedFunction definition;
    private final RuntimeMetrics metrics;
    private final InputConsumer consumer;
    private final LongSupplier clock;
    private final FunctionSchemas schemas;
    /** Writes the results of a function that does not declare its result type, each by its own class. */
    private final PayloadCodec byValueType = new PayloadCodec(byte[].class);
    private final WindowContext windowContext;
    private final WindowManager<WindowedRecord> manager;
    /** Null on the replica's clock. */
    private final WatermarkGenerator watermarks;
    private final TimestampExtractor extractor;
    private final boolean ackOnReceipt;
    /** Set while a received message is being added: a window it makes fire counts against that message. */
    private boolean adding;
    /** How the window fired by the message being added failed; null when it did not fire or did not fail. */
    private WindowFailure failureWhileAdding;

    /**
     * @param consumer reads the inputs with {@code schemas.input()}
     * @param schemas  the input schema (for one element of a window) and the output's, as for any function
     */
    public WindowExecutor(LoadedFunction function, ContextResources resources, InputConsumer consumer,
                          FunctionSchemas schemas, LongSupplier clock) {
        this.function = function;
        this.resources = resources;
        this.definition = resources.function();
        this.metrics = resources.metrics();
        this.consumer = consumer;
        this.clock = clock;
        this.schemas = schemas;
        this.windowContext = WindowContexts.of(FunctionContext.forLifecycle(resources));
        WindowSpec window = definition.window();
        this.manager = WindowManager.of(window, this, clock);
        boolean eventTime = window.timestampExtractorClassName() != null;
        this.watermarks = eventTime ? new WatermarkGenerator(window.maxLagMs(), inputCount(definition)) : null;
        this.extractor = eventTime ? TimestampExtractor.load(window.timestampExtractorClassName(), function.userCode())
                : null;
        this.ackOnReceipt = definition.processingGuarantee() == ProcessingGuarantee.ATMOST_ONCE;
    }

    private static int inputCount(ResolvedFunction definition) {
        return definition.inputs().isEmpty() ? 1 : definition.inputs().size();
    }

    /**
     * Takes a received message into the window; a count window may fire before this returns. As in Pulsar, where the
     * window executor is the function the instance calls for each message, every message taken counts as one
     * processed message (late ones too), or as the failure of the window it made fire.
     */
    public void accept(Message<Object> message) {
        metrics.received();
        long started = System.nanoTime();
        Object value;
        try {
            value = message.getValue();
        } catch (RuntimeException e) {
            metrics.undecodable(0, FunctionInvoker.describe(e));
            LOG.warn("Cannot decode message {} for window function {}: {}", message.getMessageId(), definition.fqfn(),
                    FunctionInvoker.describe(e));
            if (ackOnReceipt) {
                consumer.acknowledge(message); // at-most-once: never redelivered
            } else {
                consumer.negativeAcknowledge(message);
            }
            metrics.finished();
            return;
        }
        InvocationRecord record = InvocationRecord.settledBy(message, value, consumer.schemaOf(message), consumer);
        if (ackOnReceipt) {
            record.ack();
        }
        WindowFailure failure;
        synchronized (lock) {
            adding = true;
            failureWhileAdding = null;
            try {
                if (extractor == null) {
                    manager.add(new WindowedRecord(record), clock.getAsLong());
                } else if (!addAtEventTime(message, record)) {
                    return;
                }
            } finally {
                adding = false;
            }
            failure = failureWhileAdding;
        }
        metrics.invoked();
        long nanos = System.nanoTime() - started;
        if (failure == null) {
            metrics.processed(nanos);
        } else {
            failure.count(metrics, nanos);
        }
    }

    /** Adds at the message's event time, or sends it to the late-data topic; false when its time cannot be read. */
    private boolean addAtEventTime(Message<Object> message, InvocationRecord record) {
        long timestamp;
        try {
            timestamp = extractor.timestamp(record.getValue());
        } catch (Exception e) {
            metrics.failed(0, FunctionInvoker.describe(e));
            LOG.warn("The timestamp extractor of {} failed on message {}: {}; it will be redelivered",
                    definition.fqfn(), message.getMessageId(), FunctionInvoker.describe(e));
            record.fail();
            metrics.finished();
            return false;
        }
        if (watermarks.track(message.getTopicName(), timestamp)) {
            manager.add(new WindowedRecord(record), timestamp);
        } else {
            late(message, record, timestamp);
        }
        return true;
    }

    /** The sliding interval passed on the replica's clock. */
    public void onTime() {
        synchronized (lock) {
            manager.onTime();
        }
    }

    /** Advances the watermark, when event time moved on, firing the windows it closes. */
    public void emitWatermark() {
        synchronized (lock) {
            OptionalLong watermark = watermarks.next();
            if (watermark.isPresent()) {
                manager.onWatermark(watermark.getAsLong());
            }
        }
    }

    /** Messages held: in a window, or waiting for the next. */
    public int held() {
        synchronized (lock) {
            return manager.size();
        }
    }

    @Override
    public void onExpiry(List<Event<WindowedRecord>> expired) {
        for (Event<WindowedRecord> event : expired) {
            event.value().settle(metrics::finished);
        }
    }

    @Override
    public void onActivation(List<Event<WindowedRecord>> window, List<Event<WindowedRecord>> fresh,
                             List<Event<WindowedRecord>> expired, Long referenceTime) {
        List<Record<?>> records = window.stream().<Record<?>>map(event -> event.value().record()).toList();
        long started = System.nanoTime();
        CompletableFuture<?> sent;
        try {
            Object result = result(function.applyWindow(records, windowContext));
            sent = publish(result, records);
        } catch (Exception e) {
            String reason = FunctionInvoker.describe(e);
            WindowFailure failure = new WindowFailure(FunctionInvoker.unwrap(e) instanceof PayloadException, reason);
            if (adding) {
                failureWhileAdding = failure;
            } else {
                failure.count(metrics, System.nanoTime() - started);
            }
            LOG.warn("Window function {} failed on a window of {} messages: {}; they will be redelivered when they"
                    + " leave the window", definition.fqfn(), window.size(), reason);
            window.forEach(event -> event.value().failed());
            return;
        }
        for (Event<WindowedRecord> event : window) {
            event.value().inWindow(sent);
        }
        sent.whenComplete((stored, error) -> {
            if (error != null) {
                metrics.publishFailed(FunctionInvoker.describe(error));
                LOG.warn("Could not publish the result of a window of {}: {}; its messages will be redelivered",
                        definition.fqfn(), FunctionInvoker.describe(error));
                window.forEach(event -> event.value().failed());
            }
        });
    }

    /**
     * A window the function failed on: a user exception, or the runtime's when the result could not be encoded. It
     * counts against the message that made the window fire, or on its own when the replica's clock fired it.
     */
    private record WindowFailure(boolean encoding, String reason) {
        void count(RuntimeMetrics metrics, long nanos) {
            if (encoding) {
                metrics.undecodable(nanos, reason);
            } else {
                metrics.failed(nanos, reason);
            }
        }
    }

    /** What the function returned; an asynchronous result is awaited (up to spec.timeoutMs). */
    private Object result(Object returned) throws Exception {
        if (returned instanceof CompletionStage<?> stage) {
            return stage.toCompletableFuture().get(definition.timeoutMs(), TimeUnit.MILLISECONDS);
        }
        return returned;
    }

    /**
     * The result to the output topic: with the output schema (as Pulsar's window executor publishes it with the output
     * schema type); by its own class when the function does not declare its result type; a generic record with the
     * schema of the window's last message (an AUTO_CONSUME output); nothing for a function returning {@code Void}.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<?> publish(Object result, List<Record<?>> window) throws Exception {
        if (result == null || definition.output() == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (schemas.byValueType()) {
            Payload payload = byValueType.encode(result);
            return payload == null ? CompletableFuture.completedFuture(null)
                    : resources.publisher().producer(definition.output(), Schema.BYTES).newMessage()
                            .value(payload.bytes()).sendAsync();
        }
        Schema<?> output = schemas.output();
        if (output == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (SchemaChoice.typeOf(output) == SchemaType.AUTO_CONSUME) {
            output = window.isEmpty() ? null : window.get(window.size() - 1).getSchema();
            if (output == null) {
                throw new PayloadException("the result is a generic record but the input carries no schema to write"
                        + " it with: name an output schema type (spec.outputSchemaType)", null);
            }
        }
        return resources.publisher().producer(definition.output(), (Schema<Object>) output).newMessage().value(result)
                .sendAsync();
    }

    /**
     * The late message as it came: its value with the input schema, or its bytes as they are when the input is read
     * generically (AUTO_CONSUME, each message by its own schema) or as bytes.
     */
    @SuppressWarnings("unchecked")
    private TypedMessageBuilder<?> lateCopy(String topic, Message<Object> message) throws Exception {
        Schema<?> input = consumer.schemaOf(message);
        SchemaType type = input == null ? SchemaType.BYTES : SchemaChoice.typeOf(input);
        if (type == SchemaType.AUTO_CONSUME || type == SchemaType.BYTES || type == SchemaType.NONE) {
            return resources.publisher().producer(topic, Schema.BYTES).newMessage().value(message.getData());
        }
        return resources.publisher().producer(topic, (Schema<Object>) input).newMessage().value(message.getValue());
    }

    /** A message behind the watermark: to the late-data topic when there is one (as it came), then acked. */
    private void late(Message<Object> message, InvocationRecord record, long timestamp) {
        String topic = definition.window().lateDataTopic();
        if (topic == null) {
            LOG.info("Message {} of {} is late (event time {}, behind the watermark) and is dropped; set"
                    + " spec.window.lateDataTopic to keep late messages", message.getMessageId(), definition.fqfn(),
                    timestamp);
            record.ack();
            metrics.finished();
            return;
        }
        try {
            TypedMessageBuilder<?> copy = lateCopy(topic, message).properties(message.getProperties());
            if (message.hasKey()) {
                copy.key(message.getKey());
            }
            if (message.getEventTime() > 0) {
                copy.eventTime(message.getEventTime());
            }
            copy.sendAsync().whenComplete((stored, error) -> {
                if (error == null) {
                    record.ack();
                } else {
                    metrics.publishFailed(FunctionInvoker.describe(error));
                    record.fail();
                }
                metrics.finished();
            });
        } catch (Exception e) {
            metrics.publishFailed(FunctionInvoker.describe(e));
            record.fail();
            metrics.finished();
        }
    }
}
