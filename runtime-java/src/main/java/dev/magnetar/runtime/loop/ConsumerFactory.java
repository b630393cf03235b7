package dev.magnetar.runtime.loop;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.runtime.schema.InputGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.ConsumerBuilder;
import org.apache.pulsar.client.api.DeadLetterPolicy;
import org.apache.pulsar.client.api.MessageListener;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.apache.pulsar.client.impl.MultiplierRedeliveryBackoff;

/** Subscribes a replica to its function's input(s) exactly as the definition says. */
public final class ConsumerFactory {
    /** First retry of a failed message after 100 ms, doubling up to a minute. */
    public static final long NACK_MIN_DELAY_MS = 100;
    public static final long NACK_MAX_DELAY_MS = 60_000;
    public static final int NACK_MULTIPLIER = 2;
    /**
     * Acks go to the broker in groups, every 100 ms or every 1,000 acks, whichever comes first (Pulsar's defaults,
     * named because they bound the duplicates): a replica killed outright loses the group it was collecting, and
     * those messages, although processed, are delivered again.
     */
    public static final long ACK_GROUP_TIME_MS = 100;
    public static final int ACK_GROUP_SIZE = 1_000;
    /**
     * Pulsar rounds a negative ack's due time down to a multiple of 2^8 ms by default: while other failed messages
     * wait for their redelivery, a message comes back up to 255 ms before its back-off is over (20 messages failed
     * 13 ms apart came back after as little as 63 ms of a 100 ms back-off). 0 keeps each due time exact.
     */
    private static final int NACK_DUE_TIME_PRECISION_BITS = 0;

    private ConsumerFactory() {
    }

    /** {@code schema}: what every input is read with (see {@link dev.magnetar.runtime.schema.FunctionSchemas}). */
    static CompletableFuture<Consumer<Object>> subscribe(PulsarClient client, ResolvedFunction function,
                                                         String consumerName, Schema<?> schema) {
        return subscribe(client, function, consumerName, new InputGroup(function.inputs(), schema), null, 1);
    }

    /**
     * The consumer of one group of the inputs (all of them when they agree on a schema). When the inputs need
     * {@code consumers} consumers, each hands its messages to {@code listener} and gets an equal share of the
     * prefetch and of the ack group, so that together they hold no more unacknowledged messages than one would.
     */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Consumer<Object>> subscribe(PulsarClient client, ResolvedFunction function,
                                                         String consumerName, InputGroup group,
                                                         MessageListener<Object> listener, int consumers) {
        ConsumerBuilder<Object> builder = client.newConsumer((Schema<Object>) group.schema())
                .subscriptionName(function.subscriptionName())
                .subscriptionType(SubscriptionType.valueOf(function.subscriptionType().name()))
                .subscriptionInitialPosition(function.initialPosition() == InitialPosition.Earliest
                        ? SubscriptionInitialPosition.Earliest : SubscriptionInitialPosition.Latest)
                .consumerName(consumerName)
                .receiverQueueSize(share(receiverQueueSize(function.concurrency()), consumers))
                .acknowledgmentGroupTime(ACK_GROUP_TIME_MS, TimeUnit.MILLISECONDS)
                .maxAcknowledgmentGroupSize(share(ACK_GROUP_SIZE, consumers))
                .negativeAckRedeliveryBackoff(MultiplierRedeliveryBackoff.builder()
                        .minDelayMs(NACK_MIN_DELAY_MS).maxDelayMs(NACK_MAX_DELAY_MS).multiplier(NACK_MULTIPLIER).build())
                .negativeAckRedeliveryDelayPrecision(NACK_DUE_TIME_PRECISION_BITS);
        if (group.topics().isEmpty()) {
            builder.topicsPattern(Pattern.compile(function.topicsPattern())).patternAutoDiscoveryPeriod(30, TimeUnit.SECONDS);
        } else {
            builder.topics(group.topics());
        }
        if (listener != null) {
            builder.messageListener(listener);
        }
        if (function.deadLetterTopic() != null) {
            // The DLQ gets the function's subscription name so dead letters are retained until someone reads them.
            // The runtime writes the dead letter of a failed invocation itself (see DeadLetters); this policy moves
            // what fails otherwise on its last attempt.
            builder.deadLetterPolicy(DeadLetterPolicy.builder()
                    .maxRedeliverCount(function.maxRedeliveries())
                    .deadLetterTopic(function.deadLetterTopic())
                    .initialSubscriptionName(function.subscriptionName())
                    .build());
        }
        return builder.subscribeAsync();
    }

    /** One consumer's share of {@code total} among {@code consumers}, rounded up. */
    static int share(int total, int consumers) {
        return (total + consumers - 1) / consumers;
    }

    /**
     * Prefetch: Pulsar's default (1,000, as Pulsar Functions use), or more to keep a high
     * {@code concurrency} busy. Less makes the broker dispatch in small steps (at 200, a flow request
     * every 100 messages); the client's auto-scaled queue, which starts at 1, kept an IO-bound replica
     * at concurrency 64 at half its rate. The price: a replica that joins a Shared subscription late
     * waits while the others work through what they prefetched.
     */
    public static int receiverQueueSize(int concurrency) {
        return Math.max(1000, Math.min(10_000, concurrency * 10));
    }
}
