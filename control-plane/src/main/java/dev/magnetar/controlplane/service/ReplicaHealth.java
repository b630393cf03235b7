package dev.magnetar.controlplane.service;

import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.gateway.http.FunctionHealth;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Whether a function's replicas can take calls, from what their mode reports of each. Failing means:
 * none is ready and every one not stopped on purpose is {@code RESTARTING} (it died and has not been
 * ready since). Replicas starting for the first time or after an update, a function scaled to zero and
 * replicas stopped on purpose are not failing: a call to them waits for a replica.
 */
final class ReplicaHealth {
    static final String RESTARTING = "RESTARTING";
    private static final String STOPPED = "STOPPED";

    private ReplicaHealth() {
    }

    static FunctionHealth of(List<InstanceStatus> instances) {
        List<InstanceStatus> active = instances.stream().filter(i -> !STOPPED.equals(i.state())).toList();
        boolean failing = !active.isEmpty() && active.stream().noneMatch(InstanceStatus::ready)
                && active.stream().allMatch(i -> RESTARTING.equals(i.state()));
        if (!failing) {
            return FunctionHealth.UNKNOWN;
        }
        String errors = active.stream().map(InstanceStatus::lastError).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining("; "));
        return FunctionHealth.failing("every replica (" + active.size() + ") is failing and being restarted"
                + (errors.isEmpty() ? "" : "; last error: " + errors)
                + "; fix the function and update it (`magnetar functions status` shows each replica's error,"
                + " its log the details)");
    }
}
