package dev.magnetar.bridge.load;

import java.time.Instant;
import java.util.Collection;

/**
 * How busy one subscription is (or several, summed).
 *
 * @param backlog  messages not acknowledged yet, including those delivered and being worked on
 * @param rateIn   messages per second published to the topic
 * @param rateOut  messages per second delivered to the subscription's consumers
 * @param unacked  messages delivered to consumers and not acknowledged yet (work in progress plus what their receive
 *                 queues hold)
 * @param asOf     the values are at least this recent
 * @param source   where they come from
 */
public record SubscriptionLoad(long backlog, double rateIn, double rateOut, long unacked, Instant asOf, Source source) {
    /** Where a reading comes from. */
    public enum Source {
        /** The topic's own stats, read for it alone: the backlog as of the read. */
        LIVE,
        /** The broker's periodic dump of all its topics: as old as its stats period at most. */
        SNAPSHOT
    }

    /** Messages are arriving or being delivered. */
    public boolean flowing() {
        return rateIn > 0 || rateOut > 0;
    }

    /** Several loads as one: counts and rates added, the oldest {@code asOf}, SNAPSHOT if any is one. */
    static SubscriptionLoad sum(Collection<SubscriptionLoad> loads) {
        long backlog = 0;
        long unacked = 0;
        double rateIn = 0;
        double rateOut = 0;
        Instant asOf = Instant.MAX;
        Source source = Source.LIVE;
        for (SubscriptionLoad load : loads) {
            backlog += load.backlog;
            unacked += load.unacked;
            rateIn += load.rateIn;
            rateOut += load.rateOut;
            asOf = load.asOf.isBefore(asOf) ? load.asOf : asOf;
            source = load.source == Source.SNAPSHOT ? Source.SNAPSHOT : source;
        }
        return new SubscriptionLoad(backlog, rateIn, rateOut, unacked, asOf, source);
    }
}
