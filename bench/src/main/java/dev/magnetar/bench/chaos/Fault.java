package dev.magnetar.bench.chaos;

/**
 * One fault injected: what was killed and when, and when the scenario had started it again (the replica's restart is
 * the control plane's own business: for a replica both times are the kill).
 *
 * @param target       which process, in words (its pid)
 * @param killedNanos  {@link System#nanoTime()} right after the SIGKILL
 * @param restoredNanos {@link System#nanoTime()} once the new broker was ready or the new control plane listened
 */
record Fault(FaultKind kind, String target, long killedNanos, long restoredNanos) {

    double restartSeconds() {
        return (restoredNanos - killedNanos) / 1e9;
    }
}
