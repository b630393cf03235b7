package dev.magnetar.bridge.load;

import dev.magnetar.api.function.ResolvedFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@link SubscriptionLoads#read} answer: the load of each subscription asked for whose stats could be read, and
 * the broker's snapshot, in which the topics of a {@code topicsPattern} are looked up.
 */
public final class Loads {
    private final Map<SubscriptionRef, SubscriptionLoad> loads;
    private final Map<SubscriptionRef, Reading> snapshot;
    private final Instant snapshotAsOf;
    private final Instant readAt;

    /** @param snapshot every subscription of the broker's snapshot (not copied); null when none could be read */
    Loads(Map<SubscriptionRef, SubscriptionLoad> loads, Map<SubscriptionRef, Reading> snapshot, Instant snapshotAsOf,
          Instant readAt) {
        this.loads = Map.copyOf(loads);
        this.snapshot = snapshot;
        this.snapshotAsOf = snapshotAsOf;
        this.readAt = readAt;
    }

    static SubscriptionLoad fromSnapshot(Reading reading, Instant asOf) {
        return new SubscriptionLoad(reading.backlog(), reading.rateIn(), reading.rateOut(), reading.unacked(), asOf,
                SubscriptionLoad.Source.SNAPSHOT);
    }

    /** The subscription's load; empty when it was not asked for or its stats could not be read. */
    public Optional<SubscriptionLoad> get(SubscriptionRef ref) {
        return Optional.ofNullable(loads.get(ref));
    }

    /** The loads of {@code refs} summed; empty when one of them is unknown: a part is no total. */
    public Optional<SubscriptionLoad> sum(Collection<SubscriptionRef> refs) {
        List<SubscriptionLoad> parts = new ArrayList<>();
        for (SubscriptionRef ref : refs) {
            SubscriptionLoad load = loads.get(ref);
            if (load == null) {
                return Optional.empty();
            }
            parts.add(load);
        }
        return Optional.of(parts.isEmpty() ? idle() : SubscriptionLoad.sum(parts));
    }

    /**
     * A function's load: its subscription on each named input ({@link SubscriptionRef#of}, which must have been asked
     * for), plus, with a {@code topicsPattern}, on each topic of the snapshot it matches. Empty when a named input is
     * unknown, or when a pattern has no snapshot to be matched against.
     */
    public Optional<SubscriptionLoad> forFunction(ResolvedFunction function) {
        Optional<SubscriptionLoad> named = sum(SubscriptionRef.of(function));
        if (named.isEmpty() || function.topicsPattern() == null) {
            return named;
        }
        if (snapshot == null) {
            return Optional.empty();
        }
        Pattern pattern = Pattern.compile(function.topicsPattern());
        List<SubscriptionLoad> parts = new ArrayList<>();
        if (!SubscriptionRef.of(function).isEmpty()) {
            parts.add(named.get());
        }
        snapshot.forEach((ref, reading) -> {
            if (ref.subscription().equals(function.subscriptionName()) && pattern.matcher(ref.topic()).matches()
                    && !function.inputs().contains(ref.topic())) {
                parts.add(fromSnapshot(reading, snapshotAsOf));
            }
        });
        return Optional.of(parts.isEmpty() ? idle() : SubscriptionLoad.sum(parts));
    }

    private SubscriptionLoad idle() {
        return new SubscriptionLoad(0, 0, 0, 0, readAt, SubscriptionLoad.Source.LIVE);
    }
}
