package dev.magnetar.bridge.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.admin.PulsarAdminException;

/** A broker in memory: a dump, topics (some partitioned, some failing), and the calls made to it. */
final class FakeStatsSource implements StatsSource {
    final List<String> calls = new ArrayList<>();
    final Map<String, TopicReading> topics = new HashMap<>();
    final Set<String> partitionedTopics = new HashSet<>();
    final Set<String> failing = new HashSet<>();
    Integer statsPeriodSeconds;
    String dump = "{}";
    boolean dumpRefused;

    /** One subscription on a topic, with the topic's running total of messages in. */
    void topic(String topic, String subscription, long backlog, long inCounter, long outCounter) {
        topics.put(topic, new TopicReading(0.5, inCounter,
                Map.of(subscription, new Reading(backlog, 0, 0.25, 0, Reading.NO_COUNTER, outCounter))));
    }

    @Override
    public String brokerTopics() throws PulsarAdminException {
        calls.add("dump");
        if (dumpRefused) {
            throw new PulsarAdminException.NotAuthorizedException(null, "Not authorized", 401);
        }
        return dump;
    }

    @Override
    public CompletableFuture<TopicReading> topic(String topic, boolean partitioned) {
        calls.add((partitioned ? "partitioned " : "topic ") + topic);
        if (failing.contains(topic)) {
            return CompletableFuture.failedFuture(new PulsarAdminException.ServerSideErrorException(null, "boom", "boom", 500));
        }
        TopicReading reading = topics.get(topic);
        if (reading == null || partitioned != partitionedTopics.contains(topic)) {
            return CompletableFuture.failedFuture(new PulsarAdminException.NotFoundException(null, "Topic not found", 404));
        }
        return CompletableFuture.completedFuture(reading);
    }

    @Override
    public Optional<Integer> statsPeriodSeconds() {
        return Optional.ofNullable(statsPeriodSeconds);
    }

    /** The calls since the last time, then forgets them. */
    List<String> drain() {
        List<String> drained = List.copyOf(calls);
        calls.clear();
        return drained;
    }
}
