package dev.magnetar.runtime.loop;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.runtime.publish.Publisher;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.api.Message;

/**
 * Moves a message whose last attempt failed to the dead-letter topic, saying which function failed on it and why
 * ({@link MessageProperties#FUNCTION}, {@link MessageProperties#ERROR}).
 *
 * <p>Why the runtime writes the dead letter itself: Pulsar's {@code DeadLetterPolicy} moves a message on the
 * redelivery after its last attempt, copying only the message's own properties, and the client offers no way to add
 * any; by then the failure is no longer known either. So on the attempt the policy would move the message after (its
 * redelivery count at {@code maxRedeliveries}), a failed invocation is written to the topic here and the input is
 * acked. The policy stays configured: a message whose last attempt fails in another way (its output, or its dead
 * letter, could not be stored) is still moved by the client, without these two properties.
 */
final class DeadLetters {
    private final ResolvedFunction function;
    private final Publisher publisher;

    DeadLetters(ResolvedFunction function, Publisher publisher) {
        this.function = function;
        this.publisher = publisher;
    }

    /** True when {@code message} failed for the last time: no redelivery is left for it. */
    boolean isLastAttempt(Message<?> message) {
        return function.deadLetterTopic() != null && message.getRedeliveryCount() >= function.maxRedeliveries();
    }

    /** Completes once the dead letter is stored; the input may then be acked. */
    CompletableFuture<?> move(Message<?> message, String error) {
        return publisher.deadLetter(function.deadLetterTopic(), function.subscriptionName(), message,
                Map.of(MessageProperties.FUNCTION, function.fqfn(), MessageProperties.ERROR, error));
    }
}
