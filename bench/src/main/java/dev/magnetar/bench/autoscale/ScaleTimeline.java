package dev.magnetar.bench.autoscale;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A function's status as polled during a run, each sample at its time in seconds since the run's origin (the burst's
 * first publish): when the autoscaler reacted, when the replicas were ready, and the series a chart draws.
 */
record ScaleTimeline(List<Sample> samples) {

    /** One status answer, at the time it arrived. */
    record Sample(double seconds, ScaleStatus status) {
    }

    /** A status answer as the poller got it, at {@link System#nanoTime()}. */
    record Polled(long nanos, ScaleStatus status) {
    }

    ScaleTimeline {
        samples = List.copyOf(samples);
    }

    /** The polled answers with their times made relative to {@code originNanos}. */
    static ScaleTimeline of(List<Polled> polled, long originNanos) {
        return new ScaleTimeline(polled.stream()
                .map(p -> new Sample((p.nanos() - originNanos) / 1e9, p.status())).toList());
    }

    /**
     * Seconds from the origin to the first answer showing more than {@code startReplicas} replicas, wanted or running:
     * the autoscaler's reaction, as a user polling the status sees it. Empty when it never scaled up.
     */
    OptionalDouble reactionSeconds(int startReplicas) {
        return firstSeconds(status -> status.replicasSeen() > startReplicas);
    }

    /** Seconds from the origin to the first answer with {@code replicas} ready; empty when never. */
    OptionalDouble readySeconds(int replicas) {
        return firstSeconds(status -> status.ready() >= replicas);
    }

    /** The most replica processes listed in any answer. */
    int peakInstances() {
        return samples.stream().mapToInt(s -> s.status().instances()).max().orElse(0);
    }

    /** (seconds, value) points of one quantity, from the origin on, for a chart. */
    double[][] points(ToDoubleFunction<ScaleStatus> value) {
        return samples.stream().filter(s -> s.seconds() >= 0)
                .map(s -> new double[] {s.seconds(), value.applyAsDouble(s.status())}).toArray(double[][]::new);
    }

    private OptionalDouble firstSeconds(Predicate<ScaleStatus> condition) {
        return samples.stream().filter(s -> s.seconds() >= 0 && condition.test(s.status()))
                .mapToDouble(Sample::seconds).findFirst();
    }
}
