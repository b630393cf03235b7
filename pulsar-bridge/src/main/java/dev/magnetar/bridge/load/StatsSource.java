package dev.magnetar.bridge.load;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The two ways of reading loads from Pulsar, and the broker setting that says how old the first one may be. */
interface StatsSource {
    /** {@code GET /admin/v2/broker-stats/topics}: every topic the answering broker serves, as of its last stats update. */
    String brokerTopics() throws Exception;

    /**
     * One topic's stats as of now (its rates as of the broker's last stats update); partitions summed when
     * {@code partitioned}. Fails with a {@link org.apache.pulsar.client.admin.PulsarAdminException.NotFoundException}
     * when there is no such topic of that kind.
     */
    CompletableFuture<TopicReading> topic(String topic, boolean partitioned);

    /** The broker's {@code statsUpdateFrequencyInSecs}, or empty when it does not say (the setting needs a superuser). */
    Optional<Integer> statsPeriodSeconds();

    /** A topic's stats: its publish totals and each subscription's reading. */
    record TopicReading(double rateIn, long inCounter, java.util.Map<String, Reading> subscriptions) {
    }
}
