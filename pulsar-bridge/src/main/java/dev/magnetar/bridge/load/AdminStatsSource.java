package dev.magnetar.bridge.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.policies.data.SubscriptionStats;
import org.apache.pulsar.common.policies.data.TopicStats;

/** {@link StatsSource} on the Pulsar admin API. */
final class AdminStatsSource implements StatsSource {
    static final String STATS_PERIOD_SETTING = "statsUpdateFrequencyInSecs";

    private final PulsarAdmin admin;

    AdminStatsSource(PulsarAdmin admin) {
        this.admin = admin;
    }

    @Override
    public String brokerTopics() throws PulsarAdminException {
        return admin.brokerStats().getTopics();
    }

    @Override
    public CompletableFuture<TopicReading> topic(String topic, boolean partitioned) {
        // No precise backlog, no backlog size, no earliest publish time: each of those reads the ledger.
        CompletableFuture<? extends TopicStats> stats = partitioned
                ? admin.topics().getPartitionedStatsAsync(topic, false, false, false, false)
                : admin.topics().getStatsAsync(topic, false, false, false);
        return stats.thenApply(AdminStatsSource::reading);
    }

    @Override
    public Optional<Integer> statsPeriodSeconds() {
        try {
            String value = admin.brokers().getRuntimeConfigurations().get(STATS_PERIOD_SETTING);
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.trim()));
        } catch (PulsarAdminException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static TopicReading reading(TopicStats stats) {
        Map<String, Reading> subscriptions = new HashMap<>();
        stats.getSubscriptions().forEach((name, sub) -> subscriptions.put(name, reading(sub)));
        return new TopicReading(stats.getMsgRateIn(), stats.getMsgInCounter(), subscriptions);
    }

    private static Reading reading(SubscriptionStats sub) {
        return new Reading(sub.getMsgBacklog(), 0, sub.getMsgRateOut(), sub.getUnackedMessages(), Reading.NO_COUNTER,
                sub.getMsgOutCounter());
    }
}
