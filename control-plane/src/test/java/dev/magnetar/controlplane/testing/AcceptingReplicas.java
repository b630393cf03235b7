package dev.magnetar.controlplane.testing;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceControl;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.RolloutListener;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A place replicas run that accepts and runs anything, and remembers the jars it was asked about and its listener. */
public final class AcceptingReplicas implements FunctionReplicas, InstanceControl {
    private final List<String> preflightedJars = new ArrayList<>();
    private RolloutListener listener;

    public List<String> preflightedJars() {
        return preflightedJars;
    }

    public RolloutListener listener() {
        return listener;
    }

    @Override
    public void listen(RolloutListener listener) {
        this.listener = listener;
    }

    @Override
    public List<Violation> preflight(Function definition, ResolvedFunction function) {
        preflightedJars.add(function.jar());
        return List.of();
    }

    @Override
    public void apply(Function definition, ResolvedFunction function) {
    }

    @Override
    public void remove(Function definition) {
    }

    @Override
    public void restart(String fqfn) {
    }

    @Override
    public List<InstanceStatus> status(String fqfn) {
        return List.of();
    }

    @Override
    public InstanceControl instances() {
        return this;
    }

    @Override
    public Optional<String> refusal(String fqfn, InstanceAction action) {
        return Optional.empty();
    }

    @Override
    public void control(String fqfn, int instanceId, InstanceAction action) {
    }

    @Override
    public void close() {
    }
}
