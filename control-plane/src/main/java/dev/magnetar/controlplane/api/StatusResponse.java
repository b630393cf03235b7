package dev.magnetar.controlplane.api;

import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.controlplane.service.FunctionState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET .../status}: shaped like Pulsar's function status (numInstances, numRunning,
 * instances), plus the subscription backlog, why the function is not (wholly) in effect, if so: it failed at
 * start-up, or its last update was rolled back; and the SHA-256 of the jar as accepted, which every replica checks
 * its jar against before it loads it.
 */
@Serdeable
public record StatusResponse(int numInstances, int numRunning, List<Instance> instances, long backlog,
                             @Nullable String error, @Nullable String packageSha256) {

    @Serdeable
    public record Instance(int instanceId, String state, long pid, int restarts, boolean ready,
                           @Nullable String lastError, int httpPort) {
        static Instance of(InstanceStatus status) {
            return new Instance(status.instanceId(), status.state(), status.pid(), status.restarts(), status.ready(),
                    status.lastError(), status.httpPort());
        }
    }

    static StatusResponse of(FunctionState state) {
        return new StatusResponse(state.desiredReplicas(), (int) state.running(),
                state.instances().stream().map(Instance::of).toList(), state.backlog(), state.error(),
                state.packageSha256());
    }
}
