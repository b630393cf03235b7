package dev.magnetar.controlplane.service;

import dev.magnetar.api.replicas.InstanceStatus;
import java.util.List;

/**
 * What runs of one function.
 *
 * @param desiredReplicas replicas the definition asks for, or the autoscaler wants
 * @param instances       one entry per replica, as the mode its replicas run in reports them
 * @param backlog         messages waiting in the subscription, or -1 when unknown
 * @param error           why the function is not (wholly) in effect: it failed at start-up, or its last update
 *                        was rolled back; null otherwise
 * @param packageSha256   the SHA-256 recorded for the function's jar, which every replica checks; null when none was
 * @param scaling         what the autoscaler says of it; null when it runs a fixed count
 */
public record FunctionState(int desiredReplicas, List<InstanceStatus> instances, long backlog, String error,
                            String packageSha256, ScaleView scaling) {
    public long running() {
        // By state, not by pid: a pod on Kubernetes has no pid here.
        return instances.stream().filter(i -> "RUNNING".equals(i.state())).count();
    }
}
