package dev.magnetar.bridge.load;

import dev.magnetar.api.function.ResolvedFunction;
import java.util.List;
import java.util.Objects;

/**
 * One subscription on one topic: what a load is read for. A partitioned topic is named without its
 * {@code -partition-N} suffix; its partitions are summed.
 *
 * @param topic        fully qualified, e.g. {@code persistent://public/default/in}
 * @param subscription the subscription's name
 */
public record SubscriptionRef(String topic, String subscription) {
    public SubscriptionRef {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(subscription, "subscription");
    }

    /**
     * The function's subscription on each of its named persistent inputs. Topics its {@code topicsPattern} matches
     * are found in the broker's snapshot instead ({@link Loads#forFunction}); non-persistent topics keep no backlog.
     */
    public static List<SubscriptionRef> of(ResolvedFunction function) {
        return function.inputs().stream().filter(SubscriptionRef::persistent)
                .map(topic -> new SubscriptionRef(topic, function.subscriptionName())).toList();
    }

    static boolean persistent(String topic) {
        return !topic.startsWith("non-persistent://");
    }
}
