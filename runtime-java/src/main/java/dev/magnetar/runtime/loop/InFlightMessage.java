package dev.magnetar.runtime.loop;

import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.codec.PayloadException;
import dev.magnetar.runtime.context.InvocationRecord;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.invoke.InvocationInput;
import dev.magnetar.runtime.invoke.InvocationOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.functions.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One received message on its way: invoked, its result and reply published, then acked — or
 * negatively acked. It hears of its invocation's outcome and of its sends' completion itself, so
 * the common path (a synchronous function, no reply) allocates one future per message, the output
 * send's, and stays a few calls deep from the result to the Pulsar client's send and from the send's
 * receipt to the ack: the JIT inlines only so deep, and two levels more left the client's own send
 * code out of line (docs/performance.md).
 */
final class InFlightMessage implements InvocationInput, InvocationOutcome, BiConsumer<Object, Throwable> {
    /** The message loop's logger: its warnings read as the loop's, under one name to filter by. */
    private static final Logger LOG = LoggerFactory.getLogger(FunctionLoop.class);

    private final InFlightContext context;
    private final Message<Object> message;
    /** Completes when the next message with the same key may start (Key_Shared); null without a key. */
    private final CompletableFuture<Void> keyTurn;
    /** The unsettled slots the message holds (see {@link Admission#weight}). */
    private final int weight;
    private Request request;
    /** What the function sees as its current record, once the input is decoded. */
    private InvocationRecord record;

    InFlightMessage(InFlightContext context, Message<Object> message, CompletableFuture<Void> keyTurn, int weight) {
        this.context = context;
        this.message = message;
        this.keyTurn = keyTurn;
        this.weight = weight;
    }

    void start() {
        try {
            if (context.acksBeforeProcessing) {
                context.consumer.acknowledge(message); // as in ack(), its future is not watched
            }
            request = Request.of(message.getProperties());
            if (request.hasDeadline() && request.expired(System.currentTimeMillis())) {
                // Nobody waits for this answer any more: drop it unprocessed.
                context.metrics.expired();
                invocationDone();
                settleUnprocessed();
                release();
                return;
            }
            context.metrics.invoked();
        } catch (RuntimeException e) {
            unexpected("handling", e);
            invocationDone();
            return;
        }
        try {
            if (context.inline) {
                context.invoker.invokeOnCallingThread(this, this);
            } else {
                context.invoker.invokeOnWorker(this, this);
            }
        } catch (RuntimeException e) {
            // Only from handing the message over (the outcome methods never throw), e.g. the workers already shut down.
            unexpected("invoking the function for", e);
            invocationDone();
        }
    }

    /** The value, decoded by the consumer's schema when the invocation starts. */
    @Override
    public Object decode() {
        return message.getValue();
    }

    /** The current record of the invocation, made once the input is decoded; with autoAck false it settles it. */
    @Override
    public Record<?> record(Object value) {
        record = InvocationRecord.settledBy(message, value, context.consumer.schemaOf(message),
                context.settledByFunction);
        return record;
    }

    /** At-least-once: the input is acked only after the broker has the output and the reply. */
    @Override
    public void succeeded(Payload payload, long nanos) {
        try {
            context.metrics.processed(nanos);
            CompletableFuture<?> sent = context.publisher.output(message, payload);
            if (request.wantsReply()) {
                sent = CompletableFuture.allOf(sent, context.replies.ok(request, payload));
            }
            sent.whenComplete(this);
        } catch (RuntimeException e) {
            // Thrown before the sends' completion was hooked up: nothing else settles this message.
            unexpected("publishing the result of", e);
        } finally {
            // After the sends are issued: the next message with this key publishes after this one.
            invocationDone();
        }
    }

    /** The output (and the reply) are stored, or could not be. */
    @Override
    public void accept(Object sent, Throwable error) {
        if (error == null) {
            ack();
        } else {
            context.metrics.publishFailed(FunctionInvoker.describe(error));
            LOG.warn("Could not publish the result of message {} of {}: {}; it will be redelivered",
                    message.getMessageId(), context.function.fqfn(), FunctionInvoker.describe(error));
            retry();
        }
        release();
    }

    @Override
    public void failed(Throwable error, long nanos) {
        try {
            settleFailure(error, nanos);
        } catch (RuntimeException e) {
            unexpected("answering the failure of", e);
        } finally {
            invocationDone();
        }
    }

    private void settleFailure(Throwable error, long nanos) {
        String reason = FunctionInvoker.describe(error);
        if (FunctionInvoker.unwrap(error) instanceof PayloadException) {
            context.metrics.undecodable(nanos, reason);
        } else {
            context.metrics.failed(nanos, reason);
        }
        if (request.wantsReply()) {
            // By design a failed request is answered at once and acked, not redelivered: a synchronous
            // caller is waiting, sees the error (HTTP 500) right away and owns the retry decision.
            LOG.warn("Function {} failed on request {}: {}", context.function.fqfn(), request.correlationId(), reason);
            context.replies.error(request, reason).whenComplete((sent, sendError) -> {
                settleUnprocessed();
                release();
            });
            return;
        }
        LOG.warn("Function {} failed on message {} (redelivery {} of {}): {}", context.function.fqfn(),
                message.getMessageId(), message.getRedeliveryCount(), context.function.maxRedeliveries(), reason);
        if (context.acksAfterProcessing && context.deadLetters.isLastAttempt(message)) {
            context.deadLetters.move(message, reason).whenComplete(this::deadLetterStored);
            return;
        }
        retry();
        release();
    }

    /** The dead letter is stored and the input acked; or it could not be, and the client's policy moves the input. */
    private void deadLetterStored(Object stored, Throwable error) {
        if (error == null) {
            LOG.warn("Message {} moved to the dead-letter topic {}", message.getMessageId(),
                    context.function.deadLetterTopic());
            ack();
        } else {
            LOG.warn("Could not write message {} to the dead-letter topic {}: {}", message.getMessageId(),
                    context.function.deadLetterTopic(), FunctionInvoker.describe(error));
            retry();
        }
        release();
    }

    private void unexpected(String doing, RuntimeException e) {
        LOG.error("Unexpected error {} message {}; it will be redelivered", doing, message.getMessageId(), e);
        context.metrics.systemFailure(FunctionInvoker.describe(e));
        retry();
        release();
    }

    /** The invocation slot is free again, and under Key_Shared the key's next message may start. */
    private void invocationDone() {
        context.admission.invoked();
        if (keyTurn != null) {
            keyTurn.complete(null);
        }
    }

    /** The message left the replica's hands (acked, negatively acked or dropped). */
    private void release() {
        context.metrics.finished();
        context.admission.settled(weight);
    }

    /**
     * The final ack; under at-most-once the message was acked before processing already, and with autoAck false
     * the function acks it (or not) through its record. The ack's future is
     * not watched: a failed ack (the connection dropped) only means the broker delivers the message again,
     * which at-least-once allows, and nothing here could do better.
     */
    private void ack() {
        if (context.acksAfterProcessing) {
            context.consumer.acknowledge(message);
        }
    }

    /**
     * The ack of a message the function does not settle: a request past its deadline, or one whose failure was
     * answered. With autoAck false it goes through the record, so an ack of the function's own is not repeated.
     */
    private void settleUnprocessed() {
        if (context.acksAfterProcessing) {
            context.consumer.acknowledge(message);
        } else if (context.settledByFunction != null) {
            if (record == null) {
                context.consumer.acknowledge(message);
            } else {
                record.ack();
            }
        }
    }

    /**
     * Negative ack with back-off; after maxRedeliveries the client moves the message to the
     * dead-letter topic. Under at-most-once the message was acked already and is not retried. With autoAck false
     * it goes through the record: a message the function acked or failed itself is not settled twice.
     */
    private void retry() {
        if (context.acksAfterProcessing) {
            context.consumer.negativeAcknowledge(message);
        } else if (context.settledByFunction != null) {
            if (record == null) {
                context.consumer.negativeAcknowledge(message);
            } else {
                record.fail();
            }
        }
    }
}
