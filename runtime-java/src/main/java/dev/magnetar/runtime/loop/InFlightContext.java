package dev.magnetar.runtime.loop;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.runtime.input.InputConsumer;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;

/**
 * What every in-flight message of one loop shares: where it is invoked, published, acked and counted. Plain
 * final fields, read directly: a message reaches them through one reference, as an inner class would through
 * its outer instance, so the path from a result to its send stays as shallow as the JIT needs it.
 */
final class InFlightContext {
    /** Where messages are acked; it also knows each message's schema, for {@code getCurrentRecord().getSchema()}. */
    final InputConsumer consumer;
    final FunctionInvoker invoker;
    final Publisher publisher;
    final Replies replies;
    final DeadLetters deadLetters;
    final RuntimeMetrics metrics;
    final ResolvedFunction function;
    final Admission admission;
    /**
     * The function runs on the receiver thread: at concurrency 1, and for asynchronous functions,
     * which return at once (as Pulsar's own runtime calls them; they must not block before returning).
     */
    final boolean inline;
    /** At-most-once: a message is acked as it is taken, never after. */
    final boolean acksBeforeProcessing;
    /** At-least-once with autoAck: the runtime acks a message once its outputs are stored. */
    final boolean acksAfterProcessing;
    /**
     * autoAck false: the function acks or fails through {@code Context.getCurrentRecord()}, and the runtime fails a
     * message only when the function throws, as Pulsar's runtime does; null when the runtime acks. The admission
     * slots of a message are given back once its outputs are stored all the same, so a function that keeps messages
     * unacked does not stall the replica: what bounds them then is the broker's {@code maxUnackedMessagesPerConsumer}.
     */
    final InputConsumer settledByFunction;

    InFlightContext(InputConsumer consumer, FunctionInvoker invoker, Publisher publisher,
                    RuntimeMetrics metrics, ResolvedFunction function, Admission admission) {
        this.consumer = consumer;
        this.invoker = invoker;
        this.publisher = publisher;
        this.replies = new Replies(publisher, metrics);
        this.deadLetters = new DeadLetters(function, publisher);
        this.metrics = metrics;
        this.function = function;
        this.admission = admission;
        this.inline = function.concurrency() == 1 || invoker.asynchronous();
        this.acksBeforeProcessing = function.processingGuarantee() == ProcessingGuarantee.ATMOST_ONCE;
        this.acksAfterProcessing = !acksBeforeProcessing && function.autoAck();
        this.settledByFunction = acksBeforeProcessing || function.autoAck() ? null : consumer;
    }
}
