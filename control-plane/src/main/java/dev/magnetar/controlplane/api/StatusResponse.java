package dev.magnetar.controlplane.api;

import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import dev.magnetar.controlplane.service.FunctionState;
import dev.magnetar.controlplane.service.ScaleView;
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
                             @Nullable String error, @Nullable String packageSha256,
                             @Nullable Autoscaling autoscaling) {

    /**
     * What the autoscaler says of an autoscaled function.
     *
     * @param desiredReplicas the replicas it wants now
     * @param idle            true when it wants none: the function waits at zero for a call or a message
     * @param lastScale       its last change of the count, or null before the first
     */
    @Serdeable
    public record Autoscaling(int desiredReplicas, boolean idle, @Nullable LastScale lastScale) {
        static Autoscaling of(ScaleView view) {
            return view == null ? null : new Autoscaling(view.desiredReplicas(), view.desiredReplicas() == 0,
                    view.lastScale() == null ? null : LastScale.of(view.lastScale()));
        }
    }

    /** The autoscaler's last change: from and to replicas, why, and when (RFC 3339). */
    @Serdeable
    public record LastScale(int from, int to, String reason, String time) {
        static LastScale of(ScaleEvent event) {
            return new LastScale(event.from(), event.to(), event.reason(), event.time());
        }
    }

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
                state.packageSha256(), Autoscaling.of(state.scaling()));
    }
}
