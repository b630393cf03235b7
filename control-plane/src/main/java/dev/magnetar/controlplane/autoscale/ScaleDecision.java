package dev.magnetar.controlplane.autoscale;

/**
 * What the decider concluded for one function.
 *
 * @param current  replicas when it decided
 * @param desired  replicas it wants
 * @param reason   what was observed and which rule decided, in words a user can check
 * @param history  what to hand the next decision
 */
public record ScaleDecision(int current, int desired, String reason, ScalingHistory history) {
    /** True when the replica count is to change. */
    public boolean changes() {
        return desired != current;
    }
}
