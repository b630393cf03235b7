package dev.magnetar.bridge.load;

import dev.magnetar.bridge.load.StatsSource.TopicReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How busy many subscriptions are, read from Pulsar's admin API at a bounded cost, for an autoscaler that looks every
 * second. Two sources:
 *
 * <ul>
 *   <li>The broker's dump of all its topics ({@code broker-stats/topics}): one call covers every function, but the
 *       broker refreshes it only every {@code statsUpdateFrequencyInSecs} (60 s by default, and empty for the first
 *       60 s after it starts), and it covers the topics of the broker that answered only.</li>
 *   <li>One topic's stats ({@code persistent/.../stats}): the backlog as of now, one call per topic.</li>
 * </ul>
 *
 * <p>When the broker's stats period is within {@link Settings#maxAge}, the dump is read on every call and is all
 * that is needed. Otherwise it is read every quarter period (it cannot have changed sooner), and the subscriptions
 * whose newest reading is older than {@code maxAge} ({@code urgentMaxAge} for the urgent ones, such as functions at
 * zero replicas waiting to be woken) are read one by one: at most {@link Settings#maxLiveReads} per call, urgent ones
 * first, then the oldest, so every subscription gets its turn and the broker a bounded number of calls. Rates come from
 * two consecutive reads of the broker's running totals where there are two: fresher than the broker's own averages.
 *
 * <p>Meant for one loop: {@link #read} is synchronized, so a second caller waits for the first.
 */
public final class SubscriptionLoads {
    /** Pulsar's default {@code statsUpdateFrequencyInSecs}, assumed when the broker does not say. */
    public static final Duration DEFAULT_STATS_PERIOD = Duration.ofSeconds(60);
    private static final Duration RECHECK = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionLoads.class);

    /**
     * @param maxAge          how old a reading may be before the subscription is read on its own
     * @param urgentMaxAge    the same for the subscriptions a caller marks urgent
     * @param maxLiveReads    most topics read one by one per call
     * @param liveReadTimeout how long a call waits for them; a topic not answered by then keeps its older reading
     */
    public record Settings(Duration maxAge, Duration urgentMaxAge, int maxLiveReads, Duration liveReadTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(1), 20,
                Duration.ofSeconds(2));
    }

    private record Live(Instant at, Reading reading) {
    }

    private final StatsSource source;
    private final Settings settings;
    private final Clock clock;
    private final Map<SubscriptionRef, Live> live = new HashMap<>();
    /** Filled from the admin client's threads while {@link #read} waits: concurrent. */
    private final Map<String, Boolean> partitioned = new ConcurrentHashMap<>();
    private Duration statsPeriod = DEFAULT_STATS_PERIOD;
    private Instant statsPeriodCheckedAt;
    private Map<SubscriptionRef, Reading> snapshot;
    private Instant snapshotFetchedAt;
    private Instant dumpRefusedUntil;

    public SubscriptionLoads(PulsarAdmin admin, Settings settings, Clock clock) {
        this(new AdminStatsSource(admin), settings, clock);
    }

    SubscriptionLoads(StatsSource source, Settings settings, Clock clock) {
        this.source = source;
        this.settings = settings;
        this.clock = clock;
    }

    /** How old the broker's dump may be: its stats period, as it said or as assumed. */
    public synchronized Duration snapshotPeriod() {
        return statsPeriod;
    }

    public Loads read(Collection<SubscriptionRef> wanted) {
        return read(wanted, Set.of());
    }

    /** The loads of {@code wanted}; {@code urgent} ones (a subset) are kept fresher and read first. */
    public synchronized Loads read(Collection<SubscriptionRef> wanted, Set<SubscriptionRef> urgent) {
        Instant now = clock.instant();
        checkStatsPeriod(now);
        refreshSnapshot(now);
        live.keySet().retainAll(Set.copyOf(wanted));
        readLive(due(wanted, urgent, now));
        Map<SubscriptionRef, SubscriptionLoad> loads = new HashMap<>();
        for (SubscriptionRef ref : wanted) {
            SubscriptionLoad load = newest(ref);
            if (load != null) {
                loads.put(ref, load);
            }
        }
        return new Loads(loads, snapshot, snapshot == null ? null : snapshotAsOf(), now);
    }

    private void checkStatsPeriod(Instant now) {
        boolean first = statsPeriodCheckedAt == null;
        if (!first && now.isBefore(statsPeriodCheckedAt.plus(RECHECK))) {
            return;
        }
        statsPeriodCheckedAt = now;
        Duration said = source.statsPeriodSeconds().filter(seconds -> seconds > 0).map(Duration::ofSeconds).orElse(null);
        Duration period = said == null ? DEFAULT_STATS_PERIOD : said;
        if (first || !period.equals(statsPeriod)) {
            LOG.info("The broker refreshes its topic stats every {} s{}: {}", period.toSeconds(),
                    said == null ? " (assumed: Pulsar's default; " + AdminStatsSource.STATS_PERIOD_SETTING
                            + " is readable by superusers only)" : "",
                    period.compareTo(settings.maxAge()) <= 0 ? "one call covers every subscription"
                            : "subscriptions are also read one by one, at most " + settings.maxLiveReads() + " a call");
        }
        statsPeriod = period;
    }

    private void refreshSnapshot(Instant now) {
        if (dumpRefusedUntil != null && now.isBefore(dumpRefusedUntil)) {
            return;
        }
        Duration every = statsPeriod.compareTo(settings.maxAge()) <= 0 ? Duration.ZERO : statsPeriod.dividedBy(4);
        if (snapshotFetchedAt != null && Duration.between(snapshotFetchedAt, now).compareTo(every) < 0) {
            return;
        }
        try {
            snapshot = BrokerTopicsDump.parse(source.brokerTopics());
            snapshotFetchedAt = now;
        } catch (PulsarAdminException.NotAuthorizedException e) {
            dumpRefusedUntil = now.plus(RECHECK);
            LOG.warn("Pulsar refuses the broker's topic stats to this role (they need a superuser): reading subscriptions"
                    + " one by one, at most {} a call ({})", settings.maxLiveReads(), e.getMessage());
        } catch (Exception e) {
            LOG.debug("The broker's topic stats could not be read; the last ones age: {}", e.getMessage());
        }
    }

    /** What to read one by one this call: urgent first, then what has no reading, then the oldest. */
    private List<SubscriptionRef> due(Collection<SubscriptionRef> wanted, Set<SubscriptionRef> urgent, Instant now) {
        Map<SubscriptionRef, Instant> due = new LinkedHashMap<>(); // ties keep the caller's order
        for (SubscriptionRef ref : wanted) {
            SubscriptionLoad newest = newest(ref);
            Duration limit = urgent.contains(ref) ? settings.urgentMaxAge() : settings.maxAge();
            if (newest == null || newest.asOf().isBefore(now.minus(limit))) {
                due.put(ref, newest == null ? Instant.MIN : newest.asOf());
            }
        }
        List<SubscriptionRef> order = new ArrayList<>(due.keySet());
        order.sort(Comparator.comparing((SubscriptionRef ref) -> !urgent.contains(ref)).thenComparing(due::get));
        return order;
    }

    /** Reads the topics of {@code due}, at most {@code maxLiveReads} of them, all at once. */
    private void readLive(List<SubscriptionRef> due) {
        Map<String, List<SubscriptionRef>> byTopic = new LinkedHashMap<>();
        for (SubscriptionRef ref : due) {
            if (byTopic.size() < settings.maxLiveReads() || byTopic.containsKey(ref.topic())) {
                byTopic.computeIfAbsent(ref.topic(), topic -> new ArrayList<>()).add(ref);
            }
        }
        Map<String, CompletableFuture<TopicReading>> reads = new LinkedHashMap<>();
        byTopic.keySet().forEach(topic -> reads.put(topic, readTopic(topic)));
        try {
            CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
                    .get(settings.liveReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Each topic on its own below: one failure does not spoil the others.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Instant at = clock.instant();
        reads.forEach((topic, read) -> {
            if (read.isDone() && !read.isCompletedExceptionally()) {
                TopicReading reading = read.join();
                byTopic.get(topic).forEach(ref -> remember(ref, reading, at));
            } else {
                read.exceptionally(failure -> {
                    LOG.debug("Stats of {} not read: {}", topic, failure.getMessage());
                    return null;
                });
            }
        });
    }

    /** A topic's stats; whether it is partitioned is learnt from the first answer and remembered. */
    private CompletableFuture<TopicReading> readTopic(String topic) {
        Boolean known = partitioned.get(topic);
        if (known != null) {
            return source.topic(topic, known);
        }
        return source.topic(topic, false).handle((reading, failure) -> {
            if (failure == null) {
                partitioned.put(topic, false);
                return CompletableFuture.completedFuture(reading);
            }
            if (notFound(failure)) {
                return source.topic(topic, true).thenApply(partitionedReading -> {
                    partitioned.put(topic, true);
                    return partitionedReading;
                });
            }
            return CompletableFuture.<TopicReading>failedFuture(failure);
        }).thenCompose(read -> read);
    }

    private void remember(SubscriptionRef ref, TopicReading topic, Instant at) {
        Reading sub = topic.subscriptions().get(ref.subscription());
        if (sub == null) {
            return; // no such subscription (yet): unknown, not idle
        }
        Live previous = live.get(ref);
        double rateIn = topic.rateIn();
        double rateOut = sub.rateOut();
        if (previous != null && previous.reading().inCounter() >= 0 && topic.inCounter() >= previous.reading().inCounter()
                && sub.outCounter() >= previous.reading().outCounter() && at.isAfter(previous.at())) {
            double seconds = Duration.between(previous.at(), at).toNanos() / 1e9;
            rateIn = (topic.inCounter() - previous.reading().inCounter()) / seconds;
            rateOut = (sub.outCounter() - previous.reading().outCounter()) / seconds;
        }
        live.put(ref, new Live(at, new Reading(sub.backlog(), rateIn, rateOut, sub.unacked(), topic.inCounter(),
                sub.outCounter())));
    }

    /** The newer of the subscription's own reading and the snapshot's. */
    private SubscriptionLoad newest(SubscriptionRef ref) {
        Live own = live.get(ref);
        Reading inSnapshot = snapshot == null ? null : snapshot.get(ref);
        SubscriptionLoad fromSnapshot = inSnapshot == null ? null : fromSnapshot(inSnapshot);
        if (own == null || (fromSnapshot != null && fromSnapshot.asOf().isAfter(own.at()))) {
            return fromSnapshot;
        }
        Reading r = own.reading();
        return new SubscriptionLoad(r.backlog(), r.rateIn(), r.rateOut(), r.unacked(), own.at(), SubscriptionLoad.Source.LIVE);
    }

    private SubscriptionLoad fromSnapshot(Reading reading) {
        return Loads.fromSnapshot(reading, snapshotAsOf());
    }

    /** A snapshot is as old as the broker's stats period at most, counted from when it was fetched. */
    private Instant snapshotAsOf() {
        return snapshotFetchedAt.minus(statsPeriod);
    }

    private static boolean notFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PulsarAdminException.NotFoundException) {
                return true;
            }
        }
        return false;
    }
}
