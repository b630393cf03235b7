package dev.magnetar.runtime.loop;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.runtime.input.InputConsumer;
import dev.magnetar.runtime.input.MergedInputs;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * The replica's work: receive a message, admit it, and hand it to an {@link InFlightMessage}, which invokes
 * the function, publishes the result and the reply, then acks — or fails. At most {@code concurrency}
 * invocations run at once (see {@link Admission}); under Key_Shared, invocations of messages with the same key
 * run one after another.
 */
public final class FunctionLoop implements MessageLoop {
    private static final long RECEIVE_POLL_MS = 100;

    private final InputConsumer consumer;
    private final Publisher publisher;
    private final RuntimeMetrics metrics;
    private final ResolvedFunction function;
    private final Consumer<Throwable> onCrash;
    private final Admission admission;
    /** What each received message is handed, to be invoked, published and settled (see {@link InFlightMessage}). */
    private final InFlightContext inFlightContext;
    private final KeySequencer sequencer = new KeySequencer();
    private final Thread receiver;
    /** The function may run on the receiver thread (see {@link InFlightContext#inline}). */
    private final boolean inline;
    private volatile boolean running = true;

    public FunctionLoop(InputConsumer consumer, FunctionInvoker invoker,
                        Publisher publisher, RuntimeMetrics metrics, ResolvedFunction function, Consumer<Throwable> onCrash) {
        this.consumer = consumer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.function = function;
        this.onCrash = onCrash;
        this.admission = new Admission(function.concurrency(), receiverSendsEveryOutput(function, invoker.asynchronous()));
        this.inFlightContext = new InFlightContext(consumer, invoker, publisher, metrics, function, admission);
        this.inline = inFlightContext.inline;
        this.receiver = new Thread(this::receiveLoop, "magnetar-receiver");
    }

    @Override
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

    /**
     * The most messages one replica holds that the broker still counts as unacknowledged: its receiver queue, those
     * it took from there and has not settled yet ({@link Admission}), and the acks it collected but has not sent yet.
     * A replica that dies outright hands at most these to the others; of them, only those it had processed come out
     * twice.
     */
    public static int maxUnacknowledged(ResolvedFunction function, boolean asynchronous) {
        return maxUnacknowledged(function, asynchronous, 1);
    }

    /**
     * As {@link #maxUnacknowledged(ResolvedFunction, boolean)} for inputs read by {@code consumers} consumers (they
     * need different schemas): each has its share of the receiver queue and of the ack group, and a few messages are
     * on their way from them to the loop ({@link MergedInputs#maxHeld}).
     */
    public static int maxUnacknowledged(ResolvedFunction function, boolean asynchronous, int consumers) {
        int queues = consumers * ConsumerFactory.share(ConsumerFactory.receiverQueueSize(function.concurrency()),
                consumers);
        int ackGroups = consumers * ConsumerFactory.share(ConsumerFactory.ACK_GROUP_SIZE, consumers);
        return queues + (consumers == 1 ? 0 : MergedInputs.maxHeld(consumers)) + ackGroups
                + Admission.maxUnsettled(function.concurrency(), receiverSendsEveryOutput(function, asynchronous));
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
                Message<Object> message = receiveOrCancel();
                if (message == null) {
                    continue;
                }
                int weight = admission.weight(message.size());
                takeWeight(weight);
                metrics.received();
                String key = orderingKey(message);
                if (key == null) {
                    new InFlightMessage(inFlightContext, message, null, weight).start();
                } else {
                    // The key waits for the invocation only; its output is stored in order by the one producer.
                    sequencer.submit(key, () -> {
                        CompletableFuture<Void> keyTurn = new CompletableFuture<>();
                        new InFlightMessage(inFlightContext, message, keyTurn, weight).start();
                        return keyTurn;
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
    private Message<Object> receiveOrCancel() throws PulsarClientException {
        Message<Object> message = null;
        try {
            if (running) {
                if (publisher.flushesWhenIdle()) {
                    message = consumer.receive(0);
                    if (message == null) {
                        publisher.flush();
                    }
                }
                if (message == null) {
                    message = consumer.receive((int) RECEIVE_POLL_MS);
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
    private String orderingKey(Message<Object> message) {
        if (function.subscriptionType() != SubscriptionType.Key_Shared) {
            return null;
        }
        if (message.hasOrderingKey()) {
            return new String(message.getOrderingKey(), StandardCharsets.ISO_8859_1);
        }
        return message.hasKey() ? message.getKey() : null;
    }

    /**
     * Stops receiving and waits up to {@code grace} for in-flight messages to finish. Returns
     * false when some were still running; closing the consumer then hands them to other replicas.
     */
    @Override
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
    @Override
    public int inFlight() {
        return metrics.inFlight();
    }
}
