package dev.magnetar.local;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceControl;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.ReplicaScaler;
import dev.magnetar.api.replicas.RolloutListener;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.bridge.provision.TopicProvisioner;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode's replicas: the function's topics and subscription first, so no message published
 * before the first replica is missed, then its replica processes on this machine.
 */
public final class LocalFunctionReplicas implements FunctionReplicas, InstanceControl, ReplicaScaler {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFunctionReplicas.class);

    private final TopicProvisioner topics;
    private final LocalReplicas processes;

    public LocalFunctionReplicas(TopicProvisioner topics, LocalReplicas processes) {
        this.topics = topics;
        this.processes = processes;
    }

    @Override
    public List<Violation> preflight(Function definition, ResolvedFunction function) {
        return processes.preflight(definition, function);
    }

    @Override
    public void apply(Function definition, ResolvedFunction function) {
        try {
            topics.ensure(function);
        } catch (RuntimeException e) {
            throw new IllegalStateException("topics not provisioned: " + e.getMessage(), e);
        }
        try {
            processes.apply(definition, function);
        } catch (RuntimeException e) {
            throw new IllegalStateException("replicas not started: " + e.getMessage(), e);
        }
    }

    /** The subscription goes after the replicas, so none of them re-creates it. */
    @Override
    public void remove(Function definition) {
        ResolvedFunction function = ResolvedFunction.of(definition);
        processes.remove(function.fqfn());
        if (Boolean.TRUE.equals(definition.getSpec().getCleanupSubscription())) {
            topics.removeSubscription(function);
            LOG.info("function {}: subscription '{}' removed", function.fqfn(), function.subscriptionName());
        }
    }

    @Override
    public void listen(RolloutListener listener) {
        processes.listen(listener);
    }

    @Override
    public void restart(String fqfn) {
        processes.restart(fqfn);
    }

    @Override
    public List<InstanceStatus> status(String fqfn) {
        return processes.status(fqfn);
    }

    @Override
    public Optional<ReplicaScaler> scaler() {
        return Optional.of(this);
    }

    @Override
    public List<Autoscaled> autoscaled() {
        return processes.autoscaled();
    }

    @Override
    public void scaleTo(String fqfn, int replicas) {
        processes.scaleTo(fqfn, replicas);
    }

    @Override
    public InstanceControl instances() {
        return this;
    }

    /** Every action works on a local process. */
    @Override
    public Optional<String> refusal(String fqfn, InstanceAction action) {
        return Optional.empty();
    }

    @Override
    public void control(String fqfn, int instanceId, InstanceAction action) {
        processes.control(fqfn, instanceId, action);
    }

    @Override
    public void close() {
        processes.close();
    }
}
