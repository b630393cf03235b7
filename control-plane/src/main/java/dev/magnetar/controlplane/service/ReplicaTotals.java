package dev.magnetar.controlplane.service;

import dev.magnetar.api.protocol.ReplicaStatusReport;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each replica of each function counted, across its processes. A replica's report counts from its
 * process's start, so a new process (after a crash, a kill, a stop and start, an update) would drop
 * everything before it from the totals: per instance, the counts of its earlier processes are kept and added. A new process shows as a
 * new pid, or as lower counts. What a process counted after its last report was read is not known; the
 * control plane reads reports whenever status or stats are asked for. Kept in memory, from the control
 * plane's start; a restart on request starts the counts over, as in Pulsar, and a deleted function's go
 * with it.
 */
@Singleton
public class ReplicaTotals {
    private final Map<String, Map<Integer, InstanceTally>> functions = new ConcurrentHashMap<>();

    /** Records the report that process {@code pid} of instance {@code instanceId} of {@code fqfn} gave now. */
    public void observe(String fqfn, int instanceId, long pid, ReplicaStatusReport report) {
        tally(fqfn, instanceId).observe(pid, report);
    }

    /**
     * The instance's counts over all its processes, the last-minute window and latest exceptions of
     * {@code current} (what its running process reported now, or an empty report when none did).
     */
    public ReplicaStatusReport total(String fqfn, int instanceId, ReplicaStatusReport current) {
        return tally(fqfn, instanceId).total(current);
    }

    /** Starts a function's counts over: it was restarted on request, or deleted (a new one of its name starts at zero). */
    public void forget(String fqfn) {
        functions.remove(fqfn);
    }

    /** Starts one instance's counts over: it was restarted on request. */
    public void forget(String fqfn, int instanceId) {
        functions.computeIfPresent(fqfn, (name, instances) -> {
            instances.remove(instanceId);
            return instances;
        });
    }

    private InstanceTally tally(String fqfn, int instanceId) {
        return functions.computeIfAbsent(fqfn, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(instanceId, id -> new InstanceTally());
    }
}
