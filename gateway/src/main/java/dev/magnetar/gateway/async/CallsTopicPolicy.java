package dev.magnetar.gateway.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the calls topic a compacted one: a compaction threshold on the topic, so the broker compacts it on its own
 * once that many bytes were written since the last compaction, and one compaction at once when it has never had
 * one, so the compaction cursor exists and holds every record not compacted yet (a topic without any subscription
 * keeps nothing). The threshold is the bound on kept result bytes: the topic then holds at most about twice what
 * the gateways keep, and a starting gateway reads no more than that.
 *
 * <p>Without the right to set topic policies the gateway still works, with a warning: the namespace's or the
 * broker's compaction settings then apply.
 */
final class CallsTopicPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(CallsTopicPolicy.class);
    static final String COMPACTION_SUBSCRIPTION = "__compaction";

    private CallsTopicPolicy() {
    }

    /** Completes when done or given up (logged); never fails. The topic exists: the store's producer made it. */
    static CompletableFuture<Void> apply(PulsarAdmin admin, String topic, long compactionThresholdBytes) {
        return admin.topicPolicies().setCompactionThresholdAsync(topic, compactionThresholdBytes)
                .thenCompose(set -> admin.topics().getSubscriptionsAsync(topic))
                .thenCompose(subscriptions -> subscriptions.contains(COMPACTION_SUBSCRIPTION)
                        ? CompletableFuture.<Void>completedFuture(null)
                        : admin.topics().triggerCompactionAsync(topic))
                .exceptionally(error -> {
                    LOG.warn("Could not make {} a compacted topic: {}. Give the gateway the right to set its topic"
                            + " policies, or set a compaction threshold on its namespace (pulsar-admin namespaces"
                            + " set-compaction-threshold): otherwise the topic grows with every record, or, without"
                            + " a retention policy, the broker may drop calls the gateways still keep",
                            topic, unwrap(error).getMessage());
                    return null;
                });
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
