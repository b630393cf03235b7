package dev.magnetar.runtime.loop;

import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.codec.PayloadException;
import dev.magnetar.runtime.context.InvocationRecord;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's work: receive a message, invoke the function, publish the result and the reply,
 * then ack — or fail. At most {@code concurrency} invocations run at once (see {@link Admission});
 * under Key_Shared, invocations of messages with the same key run one after another.
 */
public final class FunctionLoop {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionLoop.class);
    private static final long RECEIVE_POLL_MS = 100;

    private final org.apache.pulsar.client.api.Consumer<byte[]> consumer;
    private final FunctionInvoker invoker;
    private final Publisher publisher;
    private final Replies replies;
    private final RuntimeMetrics metrics;
    private final ResolvedFunction function;
    private final Consumer<Throwable> onCrash;
    private final Admission admission;
    private final KeySequencer sequencer = new KeySequencer();
    private final Thread receiver;
    /**
     * The function runs on the receiver thread: at concurrency 1, and for asynchronous functions,
     * which return at once (as Pulsar's own runtime calls them; they must not block before returning).
     */
    private final boolean inline;
    private volatile boolean running = true;

    public FunctionLoop(org.apache.pulsar.client.api.Consumer<byte[]> consumer, FunctionInvoker invoker,
                        Publisher publisher, RuntimeMetrics metrics, ResolvedFunction function, Consumer<Throwable> onCrash) {
        this.consumer = consumer;
        this.invoker = invoker;
        this.publisher = publisher;
        this.replies = new Replies(publisher, metrics);
        this.metrics = metrics;
        this.function = function;
        this.onCrash = onCrash;
        this.admission = new Admission(function.concurrency());
        this.inline = function.concurrency() == 1 || invoker.asynchronous();
        this.receiver = new Thread(this::receiveLoop, "magnetar-receiver");
    }

    public void start() {
        receiver.start();
    }

    private void receiveLoop() {
        try {
            while (running) {
                admission.acquire();
                Message<byte[]> message = receiveOrCancel();
                if (message == null) {
                    continue;
                }
                metrics.received();
                CompletableFuture<Void> invoked = new CompletableFuture<>();
                invoked.whenComplete((done, error) -> admission.invoked());
                dispatch(message, invoked).whenComplete((done, error) -> {
                    metrics.finished();
                    admission.settled();
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (PulsarClientException | RuntimeException e) {
            if (running) {
                onCrash.accept(e);
            }
        }
    }

    /** The next message, holding the slots taken for it; null (slots given back) when there is none. */
    private Message<byte[]> receiveOrCancel() throws PulsarClientException {
        Message<byte[]> message = null;
        try {
            if (running) {
                message = consumer.receive((int) RECEIVE_POLL_MS, TimeUnit.MILLISECONDS);
            }
            return message;
        } finally {
            if (message == null) {
                admission.cancel();
            }
        }
    }

    /**
     * Starts a message now, or under Key_Shared after the previous invocation with its key; the
     * key waits for the invocation only, its output is stored in order by the one output producer.
     */
    private CompletableFuture<Void> dispatch(Message<byte[]> message, CompletableFuture<Void> invoked) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        Supplier<CompletableFuture<Void>> start = () -> {
            try {
                handle(message, invoked).whenComplete((done, error) -> settled.complete(null));
            } catch (RuntimeException e) {
                LOG.error("Unexpected error handling message {}; it will be redelivered", message.getMessageId(), e);
                metrics.systemFailure(FunctionInvoker.describe(e));
                retry(message);
                invoked.complete(null);
                settled.complete(null);
            }
            return invoked;
        };
        String key = orderingKey(message);
        if (key == null) {
            start.get();
        } else {
            sequencer.submit(key, start);
        }
        return settled;
    }

    /** Key_Shared promises per-key order; messages without a key have none to keep. */
    private String orderingKey(Message<byte[]> message) {
        if (function.subscriptionType() != SubscriptionType.Key_Shared) {
            return null;
        }
        if (message.hasOrderingKey()) {
            return new String(message.getOrderingKey(), StandardCharsets.ISO_8859_1);
        }
        return message.hasKey() ? message.getKey() : null;
    }

    private CompletableFuture<Void> handle(Message<byte[]> message, CompletableFuture<Void> invoked) {
        long start = System.nanoTime();
        if (function.processingGuarantee() == ProcessingGuarantee.ATMOST_ONCE) {
            ack(message);
        }
        Request request = Request.of(message.getProperties());
        if (request.expired(System.currentTimeMillis())) {
            // Nobody waits for this answer any more: drop it unprocessed.
            metrics.expired();
            settle(message);
            invoked.complete(null);
            return CompletableFuture.completedFuture(null);
        }
        metrics.invoked();
        return invoke(message)
                .handle((payload, error) -> {
                    try {
                        return error == null ? succeeded(message, request, payload, start)
                                : failed(message, request, error, start);
                    } catch (RuntimeException e) {
                        LOG.error("Unexpected error publishing for message {}; it will be redelivered",
                                message.getMessageId(), e);
                        metrics.systemFailure(FunctionInvoker.describe(e));
                        retry(message);
                        return CompletableFuture.<Void>completedFuture(null);
                    } finally {
                        // After the sends are issued: the next message with this key publishes after this one.
                        invoked.complete(null);
                    }
                })
                .thenCompose(done -> done);
    }

    /** On the receiver thread when {@link #inline} (no hand-off per message), else on a worker. */
    private CompletableFuture<Payload> invoke(Message<byte[]> message) {
        return inline ? invoker.invokeOnCallingThread(message.getValue(), value -> InvocationRecord.of(message, value))
                : invoker.invoke(message.getValue(), value -> InvocationRecord.of(message, value));
    }

    /** At-least-once: the input is acked only after the broker has the output and the reply. */
    private CompletableFuture<Void> succeeded(Message<byte[]> message, Request request, Payload payload, long start) {
        metrics.processed(System.nanoTime() - start);
        CompletableFuture<?> output = publisher.output(message, payload);
        CompletableFuture<?> reply = replies.ok(request, payload);
        return CompletableFuture.allOf(output, reply).handle((done, error) -> {
            if (error == null) {
                settle(message);
            } else {
                metrics.publishFailed(FunctionInvoker.describe(error));
                LOG.warn("Could not publish the result of message {} of {}: {}; it will be redelivered",
                        message.getMessageId(), function.fqfn(), FunctionInvoker.describe(error));
                retry(message);
            }
            return null;
        });
    }

    private CompletableFuture<Void> failed(Message<byte[]> message, Request request, Throwable error, long start) {
        String reason = FunctionInvoker.describe(error);
        if (FunctionInvoker.unwrap(error) instanceof PayloadException) {
            metrics.undecodable(System.nanoTime() - start, reason);
        } else {
            metrics.failed(System.nanoTime() - start, reason);
        }
        if (request.wantsReply()) {
            // By design a failed request is answered at once and acked, not redelivered: a synchronous
            // caller is waiting, sees the error (HTTP 500) right away and owns the retry decision.
            LOG.warn("Function {} failed on request {}: {}", function.fqfn(), request.correlationId(), reason);
            return replies.error(request, reason).handle((sent, sendError) -> {
                settle(message);
                return null;
            });
        }
        LOG.warn("Function {} failed on message {} (redelivery {} of {}): {}", function.fqfn(), message.getMessageId(),
                message.getRedeliveryCount(), function.maxRedeliveries(), reason);
        retry(message);
        return CompletableFuture.completedFuture(null);
    }

    /** The final ack; under at-most-once the message was acked before processing already. */
    private void settle(Message<byte[]> message) {
        if (function.processingGuarantee() != ProcessingGuarantee.ATMOST_ONCE) {
            ack(message);
        }
    }

    private void ack(Message<byte[]> message) {
        consumer.acknowledgeAsync(message.getMessageId()).exceptionally(e -> {
            LOG.debug("Ack of {} failed: {}", message.getMessageId(), e.toString());
            return null;
        });
    }

    /**
     * Negative ack with back-off; after maxRedeliveries the client moves the message to the
     * dead-letter topic. Under at-most-once the message was acked already and is not retried.
     */
    private void retry(Message<byte[]> message) {
        if (function.processingGuarantee() != ProcessingGuarantee.ATMOST_ONCE) {
            consumer.negativeAcknowledge(message);
        }
    }

    /**
     * Stops receiving and waits up to {@code grace} for in-flight messages to finish. Returns
     * false when some were still running; closing the consumer then hands them to other replicas.
     */
    public boolean stop(Duration grace) throws InterruptedException {
        running = false;
        if (!inline) {
            // Not when the function may be running on the receiver: a draining invocation must not
            // see an interrupt. The receiver takes no message once running is false either way.
            receiver.interrupt();
        }
        receiver.join(RECEIVE_POLL_MS * 10);
        return admission.awaitIdle(grace);
    }

    /** Messages received and not yet acked or negatively acked. */
    public int inFlight() {
        return admission.unsettled();
    }
}
