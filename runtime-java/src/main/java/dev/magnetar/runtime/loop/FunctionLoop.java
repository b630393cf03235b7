package dev.magnetar.runtime.loop;

import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.codec.PayloadException;
import dev.magnetar.runtime.context.InvocationRecord;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.invoke.InvocationOutcome;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
    /** At-most-once: a message is acked as it is taken, never after. */
    private final boolean acksBeforeProcessing;
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
        this.inline = function.concurrency() == 1 || invoker.asynchronous();
        this.acksBeforeProcessing = function.processingGuarantee() == ProcessingGuarantee.ATMOST_ONCE;
        this.admission = new Admission(function.concurrency(), receiverSendsEveryOutput(function, invoker.asynchronous()));
        this.receiver = new Thread(this::receiveLoop, "magnetar-receiver");
    }

    public void start() {
        receiver.start();
    }

    /**
     * A synchronous function at concurrency 1 runs on the receiving thread, one invocation at a time, so that
     * thread sends every output itself and knows when its input runs dry: its publisher may flush on idle.
     */
    public static boolean receiverSendsEveryOutput(ResolvedFunction function, boolean asynchronous) {
        return function.concurrency() == 1 && !asynchronous;
    }

    private void receiveLoop() {
        try {
            while (running) {
                if (!publisher.flushesWhenIdle()) {
                    admission.acquire();
                } else if (!admission.tryAcquire()) {
                    publisher.flush(); // the acks that free a slot wait for the open batch
                    admission.acquire();
                }
                Message<byte[]> message = receiveOrCancel();
                if (message == null) {
                    continue;
                }
                int weight = admission.weight(message.size());
                takeWeight(weight);
                metrics.received();
                String key = orderingKey(message);
                if (key == null) {
                    new InFlight(message, null, weight).start();
                } else {
                    // The key waits for the invocation only; its output is stored in order by the one producer.
                    sequencer.submit(key, () -> {
                        InFlight inFlight = new InFlight(message, new CompletableFuture<>(), weight);
                        inFlight.start();
                        return inFlight.keyTurn;
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (PulsarClientException | RuntimeException e) {
            if (running) {
                onCrash.accept(e);
            }
        }
    }

    /**
     * A large message waits here until enough of the bytes before it are settled (see {@link Admission}); the
     * open output batch goes first, since the acks that free the room wait for it. A message interrupted here
     * gives its slots back and returns to the subscription when the consumer closes.
     */
    private void takeWeight(int weight) throws InterruptedException {
        if (admission.tryAcquireWeight(weight)) {
            return;
        }
        publisher.flush();
        try {
            admission.acquireWeight(weight);
        } catch (InterruptedException e) {
            admission.cancel();
            throw e;
        }
    }

    /**
     * The next message, holding the slots taken for it; null (slots given back) when there is none. When the
     * publisher flushes on idle and none is queued, the outputs batched so far are sent before waiting: a lone
     * message does not wait for the batch timer, while under load a batch still collects what arrives.
     */
    private Message<byte[]> receiveOrCancel() throws PulsarClientException {
        Message<byte[]> message = null;
        try {
            if (running) {
                if (publisher.flushesWhenIdle()) {
                    message = consumer.receive(0, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        publisher.flush();
                    }
                }
                if (message == null) {
                    message = consumer.receive((int) RECEIVE_POLL_MS, TimeUnit.MILLISECONDS);
                }
            }
            return message;
        } finally {
            if (message == null) {
                admission.cancel();
            }
        }
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

    /**
     * One received message on its way: invoked, its result and reply published, then acked — or
     * negatively acked. It hears of its invocation's outcome and of its sends' completion itself, so
     * the common path (a synchronous function, no reply) allocates one future per message, the output
     * send's, and stays a few calls deep from the result to the Pulsar client's send and from the send's
     * receipt to the ack: the JIT inlines only so deep, and with two levels more the client's own send
     * code ran out of line (docs/benchmarks.md, session 8).
     */
    private final class InFlight implements InvocationOutcome, BiConsumer<Object, Throwable> {
        private final Message<byte[]> message;
        /** Completes when the next message with the same key may start (Key_Shared); null without a key. */
        private final CompletableFuture<Void> keyTurn;
        /** The unsettled slots the message holds (see {@link Admission#weight}). */
        private final int weight;
        private Request request;

        InFlight(Message<byte[]> message, CompletableFuture<Void> keyTurn, int weight) {
            this.message = message;
            this.keyTurn = keyTurn;
            this.weight = weight;
        }

        void start() {
            try {
                if (acksBeforeProcessing) {
                    consumer.acknowledgeAsync(message.getMessageId()); // as in ack(), its future is not watched
                }
                request = Request.of(message.getProperties());
                if (request.hasDeadline() && request.expired(System.currentTimeMillis())) {
                    // Nobody waits for this answer any more: drop it unprocessed.
                    metrics.expired();
                    invocationDone();
                    ack();
                    release();
                    return;
                }
                metrics.invoked();
            } catch (RuntimeException e) {
                unexpected("handling", e);
                invocationDone();
                return;
            }
            try {
                if (inline) {
                    invoker.invokeOnCallingThread(message.getValue(), value -> InvocationRecord.of(message, value), this);
                } else {
                    invoker.invokeOnWorker(message.getValue(), value -> InvocationRecord.of(message, value), this);
                }
            } catch (RuntimeException e) {
                // Only from handing the message over (the outcome methods never throw), e.g. the workers already shut down.
                unexpected("invoking the function for", e);
                invocationDone();
            }
        }

        /** At-least-once: the input is acked only after the broker has the output and the reply. */
        @Override
        public void succeeded(Payload payload, long nanos) {
            try {
                metrics.processed(nanos);
                CompletableFuture<?> sent = publisher.output(message, payload);
                if (request.wantsReply()) {
                    sent = CompletableFuture.allOf(sent, replies.ok(request, payload));
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
                metrics.publishFailed(FunctionInvoker.describe(error));
                LOG.warn("Could not publish the result of message {} of {}: {}; it will be redelivered",
                        message.getMessageId(), function.fqfn(), FunctionInvoker.describe(error));
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
                metrics.undecodable(nanos, reason);
            } else {
                metrics.failed(nanos, reason);
            }
            if (request.wantsReply()) {
                // By design a failed request is answered at once and acked, not redelivered: a synchronous
                // caller is waiting, sees the error (HTTP 500) right away and owns the retry decision.
                LOG.warn("Function {} failed on request {}: {}", function.fqfn(), request.correlationId(), reason);
                replies.error(request, reason).whenComplete((sent, sendError) -> {
                    ack();
                    release();
                });
                return;
            }
            LOG.warn("Function {} failed on message {} (redelivery {} of {}): {}", function.fqfn(),
                    message.getMessageId(), message.getRedeliveryCount(), function.maxRedeliveries(), reason);
            retry();
            release();
        }

        private void unexpected(String doing, RuntimeException e) {
            LOG.error("Unexpected error {} message {}; it will be redelivered", doing, message.getMessageId(), e);
            metrics.systemFailure(FunctionInvoker.describe(e));
            retry();
            release();
        }

        /** The invocation slot is free again, and under Key_Shared the key's next message may start. */
        private void invocationDone() {
            admission.invoked();
            if (keyTurn != null) {
                keyTurn.complete(null);
            }
        }

        /** The message left the replica's hands (acked, negatively acked or dropped). */
        private void release() {
            metrics.finished();
            admission.settled(weight);
        }

        /**
         * The final ack; under at-most-once the message was acked before processing already. The ack's future is
         * not watched: a failed ack (the connection dropped) only means the broker delivers the message again,
         * which at-least-once allows, and nothing here could do better.
         */
        private void ack() {
            if (!acksBeforeProcessing) {
                consumer.acknowledgeAsync(message.getMessageId());
            }
        }

        /**
         * Negative ack with back-off; after maxRedeliveries the client moves the message to the
         * dead-letter topic. Under at-most-once the message was acked already and is not retried.
         */
        private void retry() {
            if (!acksBeforeProcessing) {
                consumer.negativeAcknowledge(message);
            }
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
        return metrics.inFlight();
    }
}
