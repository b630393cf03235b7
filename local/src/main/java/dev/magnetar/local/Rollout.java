package dev.magnetar.local;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a group's replicas to the definition of {@code target}, one at a time: each new replica starts beside the
 * one it replaces while every old one serves, and the old one stops only once the new one is ready. A new replica
 * not ready within the ready timeout fails the rollout, and its owner rolls back; a rollout that is itself the way
 * back ({@code mayFail} false) replaces the old replica anyway, since nothing older is left to return to.
 */
final class Rollout implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

    /** Hears how a rollout ended; not called for one that was cancelled or superseded. */
    interface Outcome {
        void rolledOut(Rollout rollout);

        void failed(Rollout rollout, String reason);
    }

    private final ReplicaGroup group;
    private final LaunchPlan target;
    private final Duration readyTimeout;
    private final boolean mayFail;
    private final Outcome outcome;

    Rollout(ReplicaGroup group, LaunchPlan target, Duration readyTimeout, boolean mayFail, Outcome outcome) {
        this.group = group;
        this.target = target;
        this.readyTimeout = readyTimeout;
        this.mayFail = mayFail;
        this.outcome = outcome;
    }

    LaunchPlan target() {
        return target;
    }

    /** Starts the first new replica now; false when no replica runs another definition (nothing to roll). */
    boolean begin() {
        return group.begin(this);
    }

    /** Waits for each new replica in turn, on a thread of its own; call after {@link #begin} returned true. */
    @Override
    public void run() {
        LocalReplica next = group.firstIncoming(this);
        while (next != null) {
            boolean ready = next.awaitReadySinceFirstStart(readyTimeout);
            if (!ready && !next.isStopped()) {
                if (mayFail) {
                    outcome.failed(this, reason(next));
                    return;
                }
                LOG.warn("function {}: replica {} is not ready within {} s; it replaces the old one anyway",
                        target.fqfn(), next.instanceId(), readyTimeout.toSeconds());
            }
            next = group.promote(this, next);
        }
        outcome.rolledOut(this);
    }

    private String reason(LocalReplica replica) {
        String lastError = replica.status().lastError();
        return "the update was rolled back: replica " + replica.instanceId() + " of the new definition was not ready"
                + " within " + readyTimeout.toSeconds() + " s of its start (" + (lastError == null ? ""
                : "last error: " + lastError + "; ") + "log: " + replica.logFile() + "); the previous definition"
                + " runs again: fix the definition and update it again";
    }
}
