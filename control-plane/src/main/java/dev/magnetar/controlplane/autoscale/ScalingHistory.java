package dev.magnetar.controlplane.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the decider remembers of one function between decisions: its recent recommendations, for the stabilization
 * windows, when it was last seen active, for scale to zero, and what it learned of a replica's throughput, for the
 * rate. Immutable: each decision returns the next one.
 */
public record ScalingHistory(List<Recommendation> recent, Instant lastActive, Throughput throughput) {
    /** One recommendation: the replicas the metrics asked for at {@code at}. */
    public record Recommendation(Instant at, int replicas) {
    }

    public ScalingHistory {
        recent = List.copyOf(recent);
    }

    /** A function first seen at {@code now} counts as active then, so it is not scaled to zero before its idle time. */
    public static ScalingHistory startingAt(Instant now) {
        return new ScalingHistory(List.of(), now, Throughput.NONE);
    }

    /** This history with {@code recommendation} added and what is older than {@code keep} dropped. */
    ScalingHistory with(Recommendation recommendation, Instant lastActive, Duration keep, Throughput learned) {
        List<Recommendation> next = new ArrayList<>();
        Instant oldest = recommendation.at().minus(keep);
        for (Recommendation r : recent) {
            if (!r.at().isBefore(oldest)) {
                next.add(r);
            }
        }
        next.add(recommendation);
        return new ScalingHistory(next, lastActive, learned);
    }

    /** The lowest recommendation made at or after {@code since}. */
    int lowestSince(Instant since) {
        return recent.stream().filter(r -> !r.at().isBefore(since)).mapToInt(Recommendation::replicas).min()
                .orElse(Integer.MAX_VALUE);
    }

    /** The highest recommendation made at or after {@code since}. */
    int highestSince(Instant since) {
        return recent.stream().filter(r -> !r.at().isBefore(since)).mapToInt(Recommendation::replicas).max()
                .orElse(0);
    }
}
