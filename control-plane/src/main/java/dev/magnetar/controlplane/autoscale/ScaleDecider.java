package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.function.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The autoscaler's one rule book, the same in standalone and on Kubernetes: observed load, current replicas and time
 * in, desired replicas and a reason out. No clock, no I/O, so a table of cases pins it down.
 *
 * <ol>
 *   <li>Each target gives a replica count, as the Kubernetes HPA computes it: backlog over
 *       {@code targetBacklogPerReplica}, work in progress over {@code targetInFlightPerReplica}, and CPU as
 *       {@code current × utilization / target} outside a 10% tolerance. So does the rate: the messages arriving a
 *       second over what one replica keeps up with ({@link Throughput}, learned as it runs) at most 80% busy, outside
 *       the same tolerance, so a function keeping up with steady traffic keeps the replicas that keep up. The highest
 *       wins.</li>
 *   <li>The floor is {@code minReplicas}; with 0, a function stays at 1 until it has been idle (no backlog, nothing
 *       in flight, no gateway call) for {@code scaleToZeroAfter}, and a function at 0 gets 1 as soon as work
 *       arrives.</li>
 *   <li>Stabilization, as the HPA's: a scale-up follows the lowest recommendation of the up window, a scale-down the
 *       highest of the down window. A burst asking for twice the replicas running or more skips the up window, as
 *       Knative's panic mode does.</li>
 *   <li>Without a backlog reading it never scales down: missing data is not an idle function.</li>
 * </ol>
 */
public final class ScaleDecider {
    /** CPU within this fraction of its target changes nothing, as in the HPA. */
    static final double CPU_TOLERANCE = 0.1;
    /** The share of its throughput a replica is meant to be busy with the input rate: headroom, as Knative's. */
    static final double RATE_UTILIZATION = 0.8;
    /** A rate asking for within this fraction of the current count asks for the current count, as in the HPA. */
    static final double RATE_TOLERANCE = 0.1;

    private ScaleDecider() {
    }

    public static ScaleDecision decide(ScalingPolicy policy, int current, Observation seen, ScalingHistory history,
                                       Instant now) {
        boolean active = seen.active();
        Instant lastActive = active ? now : history.lastActive();
        Duration idleFor = Duration.between(lastActive, now);
        boolean idleLongEnough = !idleFor.minus(policy.scaleToZeroAfter()).isNegative();

        List<String> load = new ArrayList<>();
        Throughput learned = history.throughput().learn(policy, current, seen);
        int byLoad = byLoad(policy, current, seen, learned, load);
        int floor = floor(policy, current, active, idleLongEnough);
        int recommended = Math.min(policy.maxReplicas(), Math.max(byLoad, floor));
        if (seen.backlog() == null) {
            recommended = Math.max(recommended, Math.min(current, policy.maxReplicas()));
        }
        Duration keep = policy.scaleUpStabilization().compareTo(policy.scaleDownStabilization()) > 0
                ? policy.scaleUpStabilization() : policy.scaleDownStabilization();
        ScalingHistory next = history.with(new ScalingHistory.Recommendation(now, recommended), lastActive, keep,
                learned);

        String seenText = describe(seen, load);
        if (current == 0 && recommended > 0) {
            return new ScaleDecision(current, recommended, "woken from zero: " + seenText + capped(byLoad, policy), next);
        }
        if (recommended > current) {
            boolean burst = byLoad >= 2 * current;
            int upTo = burst ? recommended : Math.min(recommended, next.lowestSince(now.minus(policy.scaleUpStabilization())));
            if (upTo <= current) {
                return hold(current, next, seenText + " ask for " + recommended + "; holding for the "
                        + seconds(policy.scaleUpStabilization()) + " scale-up window");
            }
            return new ScaleDecision(current, upTo, seenText + " ask for " + byLoad + capped(byLoad, policy)
                    + (burst && !policy.scaleUpStabilization().isZero() ? " (a burst: no scale-up window)" : ""), next);
        }
        if (recommended < current) {
            if (recommended == 0) {
                return new ScaleDecision(current, 0, "idle for " + seconds(idleFor)
                        + " (no backlog, nothing in flight, no gateway call): scaling to zero", next);
            }
            int downTo = Math.max(recommended, next.highestSince(now.minus(policy.scaleDownStabilization())));
            if (downTo >= current) {
                return hold(current, next, seenText + " ask for " + recommended + "; holding for the "
                        + seconds(policy.scaleDownStabilization()) + " scale-down window");
            }
            return new ScaleDecision(current, downTo, seenText + " ask for " + recommended
                    + (recommended == floor && byLoad < floor ? " (" + floorText(policy, floor) + ")" : "")
                    + (policy.scaleDownStabilization().isZero() ? ""
                    : ", the highest in the last " + seconds(policy.scaleDownStabilization())), next);
        }
        return hold(current, next, seenText + " ask for " + current);
    }

    private static ScaleDecision hold(int current, ScalingHistory next, String reason) {
        return new ScaleDecision(current, current, reason, next);
    }

    /** The replicas the targets ask for (0 when nothing is waiting or running); {@code load} gets their words. */
    private static int byLoad(ScalingPolicy policy, int current, Observation seen, Throughput learned,
                              List<String> load) {
        int wanted = 0;
        if (seen.backlog() != null) {
            wanted = Math.max(wanted, ceilDiv(seen.backlog(), policy.targetBacklogPerReplica()));
            load.add("backlog " + seen.backlog() + " (target " + policy.targetBacklogPerReplica() + " per replica)");
        } else {
            load.add("backlog unknown");
        }
        int work = seen.concurrentWork();
        wanted = Math.max(wanted, ceilDiv(work, policy.targetInFlightPerReplica()));
        load.add(work + " in flight" + (seen.unheard() == 0 ? "" : " (" + seen.unheard() + " replica"
                + (seen.unheard() == 1 ? "" : "s") + " unheard)") + " (target " + policy.targetInFlightPerReplica()
                + " per replica)");
        Double perReplica = learned.perReplica(policy);
        if (seen.rateIn() > 0 && perReplica != null && perReplica > 0) {
            wanted = Math.max(wanted, byRate(seen.rateIn(), perReplica, current));
            load.add(rate(seen.rateIn()) + " msg/s in (a replica keeps up with " + rate(perReplica) + ", target "
                    + Math.round(RATE_UTILIZATION * 100) + "% of it)");
        }
        Integer cpuTarget = policy.targetCpuUtilization();
        if (cpuTarget != null && seen.cpuUtilization() != null && current > 0) {
            double ratio = seen.cpuUtilization() / cpuTarget;
            int byCpu = Math.abs(ratio - 1) <= CPU_TOLERANCE ? current : (int) Math.ceil(current * ratio);
            wanted = Math.max(wanted, byCpu);
            load.add("CPU " + Math.round(seen.cpuUtilization()) + "% (target " + cpuTarget + "%)");
        }
        return wanted;
    }

    /** The replicas that take {@code rateIn} at most {@link #RATE_UTILIZATION} busy; the current count when close. */
    private static int byRate(double rateIn, double perReplica, int current) {
        double needed = rateIn / (perReplica * RATE_UTILIZATION);
        if (current > 0 && Math.abs(needed / current - 1) <= RATE_TOLERANCE) {
            return current;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(needed));
    }

    private static String rate(double perSecond) {
        return perSecond >= 10 ? String.valueOf(Math.round(perSecond))
                : String.format(java.util.Locale.ROOT, "%.1f", perSecond);
    }

    private static int floor(ScalingPolicy policy, int current, boolean active, boolean idleLongEnough) {
        if (!policy.scalesToZero()) {
            return policy.minReplicas();
        }
        if (active) {
            return 1;
        }
        return current == 0 || idleLongEnough ? 0 : 1;
    }

    private static String floorText(ScalingPolicy policy, int floor) {
        return policy.scalesToZero() ? "1 until idle for " + seconds(policy.scaleToZeroAfter()) : "minReplicas " + floor;
    }

    private static String capped(int byLoad, ScalingPolicy policy) {
        return byLoad > policy.maxReplicas() ? ", capped at maxReplicas " + policy.maxReplicas() : "";
    }

    private static String describe(Observation seen, List<String> load) {
        String text = String.join(", ", load);
        if (seen.gatewayWaiting() > 0 || seen.woken()) {
            text += ", " + seen.gatewayWaiting() + " gateway call" + (seen.gatewayWaiting() == 1 ? "" : "s") + " waiting";
        }
        return text;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static int ceilDiv(long amount, long per) {
        return (int) Math.min(Integer.MAX_VALUE, (amount + per - 1) / per);
    }
}
