package dev.magnetar.bench.scenario;

import dev.magnetar.bench.harness.TopicAdmin;
import dev.magnetar.bench.harness.WorkerGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What scale-out proves with the broker's own view: the input topic is not partitioned (partitioned metadata 0)
 * and every replica is a consumer of the one Shared subscription — adding replicas moved no partition and
 * triggered no rebalance, because there is nothing to rebalance.
 */
public final class ScaleOutEvidence {
    static final long CONSUMERS_TIMEOUT_SECONDS = 120;

    private final TopicAdmin admin;
    private final List<String> lines = new ArrayList<>();

    public ScaleOutEvidence(TopicAdmin admin) {
        this.admin = admin;
    }

    void awaitConsumers(String topic, int replicas, WorkerGroup workers) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONSUMERS_TIMEOUT_SECONDS);
        int consumers = 0;
        while (System.nanoTime() < deadline && workers.allAlive()) {
            consumers = TopicAdmin.consumersIn(admin.stats(topic));
            if (consumers >= replicas) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IllegalStateException(consumers + " of " + replicas + " replicas subscribed to " + topic + " after "
                + CONSUMERS_TIMEOUT_SECONDS + " s (all alive: " + workers.allAlive() + ")");
    }

    void recordEvidence(String run, String topic) throws IOException {
        int partitions = admin.partitions(topic);
        int consumers = TopicAdmin.consumersIn(admin.stats(topic));
        lines.add(String.format("%s: partitioned metadata %d, consumers on the subscription %d", run, partitions, consumers));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
