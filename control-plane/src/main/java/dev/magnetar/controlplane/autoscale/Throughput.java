package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.function.ScalingPolicy;

/**
 * What the decider has learned of how many messages a second one replica keeps up with, from two sources:
 *
 * <ul>
 *   <li>Little's law, as Knative sizes by concurrency: a replica holding {@code inFlight} messages while the replicas
 *       take {@code rateOut} a second spends {@code inFlight / rateOut} seconds on each, so at
 *       {@code targetInFlightPerReplica} it would take {@code rateOut × target / inFlight} a second. Both are running
 *       means (zeros included, so a lightly loaded replica is not mistaken for a slow one), fed only by looks at which
 *       every replica answered and no backlog saturated them.</li>
 *   <li>Saturation: while a backlog of at least {@code targetBacklogPerReplica} waits for each replica, they take
 *       what they can, and {@code rateOut / replicas} is a replica's throughput. Used when the replicas' work in
 *       progress is never seen (a function too fast for a look to catch a message in flight).</li>
 * </ul>
 *
 * @param rateOut   running mean of the messages delivered a second, or null before the first reading
 * @param inFlight  running mean of the messages in flight, or null before the first reading
 * @param saturated running mean of a saturated replica's messages a second, or null until replicas were saturated
 */
public record Throughput(Double rateOut, Double inFlight, Double saturated) {
    /** Nothing learned yet. */
    public static final Throughput NONE = new Throughput(null, null, null);
    /** The weight of each reading in the running means: about the last 10 looks count. */
    static final double WEIGHT = 0.2;

    /** This, having seen {@code seen} with {@code current} replicas. */
    Throughput learn(ScalingPolicy policy, int current, Observation seen) {
        if (current == 0 || seen.rateOut() <= 0) {
            return this; // nothing processed: nothing to learn from
        }
        if (seen.backlog() != null && seen.backlog() >= (long) current * policy.targetBacklogPerReplica()) {
            // Saturated replicas also hold messages that wait for a free invocation: Little's law would count that
            // wait as work, so only the rate they take is learned.
            return new Throughput(rateOut, inFlight, mean(saturated, seen.rateOut() / current));
        }
        if (seen.unheard() > 0) {
            return this;
        }
        return new Throughput(mean(rateOut, seen.rateOut()), mean(inFlight, seen.inFlight()), saturated);
    }

    /** Messages a second one replica keeps up with, or null while unknown. */
    Double perReplica(ScalingPolicy policy) {
        if (inFlight != null && inFlight > 0 && rateOut != null && rateOut > 0) {
            return rateOut * policy.targetInFlightPerReplica() / inFlight;
        }
        return saturated;
    }

    private static double mean(Double before, double reading) {
        return before == null ? reading : before + WEIGHT * (reading - before);
    }
}
