package dev.magnetar.controlplane.service;

import dev.magnetar.api.protocol.ReplicaStatusReport;

/** One replica's counts: those of its earlier processes and the last report of its current one. */
final class InstanceTally {
    private Counts earlier = Counts.ZERO;
    private long pid = -1;
    private ReplicaStatusReport last;

    /** What the replica's processes counted; latency as a sum, so averages of processes can be combined. */
    private record Counts(long received, long processed, long userExceptions, long systemExceptions,
                          double latencySumMs, long timed, long lastInvocationMs) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        Counts plus(ReplicaStatusReport report) {
            // Weighted as the stats weigh averages: by the invocations that ended (processed or failed).
            long invocations = report.processed() + report.userExceptions();
            boolean isTimed = report.avgProcessLatencyMs() != null && invocations > 0;
            return new Counts(received + report.received(), processed + report.processed(),
                    userExceptions + report.userExceptions(), systemExceptions + report.systemExceptions(),
                    latencySumMs + (isTimed ? report.avgProcessLatencyMs() * invocations : 0),
                    timed + (isTimed ? invocations : 0), Math.max(lastInvocationMs, report.lastInvocationMs()));
        }
    }

    synchronized void observe(long reportingPid, ReplicaStatusReport report) {
        if (last != null && (reportingPid != pid || report.received() < last.received())) {
            earlier = earlier.plus(last);
        }
        pid = reportingPid;
        last = report;
    }

    synchronized ReplicaStatusReport total(ReplicaStatusReport current) {
        Counts all = last == null ? earlier : earlier.plus(last);
        Double latency = earlier.timed() == 0 && last != null ? last.avgProcessLatencyMs()
                : all.timed() == 0 ? null : all.latencySumMs() / all.timed();
        return new ReplicaStatusReport(current.instanceId(), all.received(), all.processed(), all.userExceptions(),
                all.systemExceptions(), latency,
                Math.max(all.lastInvocationMs(), current.lastInvocationMs()), current.latestUserExceptions(),
                current.latestSystemExceptions(), current.oneMin(), current.userMetrics());
    }
}
