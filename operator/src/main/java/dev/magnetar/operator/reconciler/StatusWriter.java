package dev.magnetar.operator.reconciler;

import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionStatus;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a function's status: one condition per part plus Ready, observedGeneration, replicas and
 * readyReplicas from the Deployment, the replicas wanted and the autoscaler's last change, the selector, the backlog,
 * and the SHA-256 of a jar kept in Pulsar (which its location names, and every replica checks). Writes nothing when the new
 * status equals the stored one; after a write, records an Event for each condition that changed.
 */
final class StatusWriter {
    private final KubernetesClient client;
    private final Conditions conditions;
    private final FunctionEvents events;

    StatusWriter(KubernetesClient client, Conditions conditions, FunctionEvents events) {
        this.client = client;
        this.conditions = conditions;
        this.events = events;
    }

    /** The observed state of a function: its parts, and what else the status reports. */
    record Observed(List<PartOutcome> parts, Deployment deployment, String selector, Long backlog, Scaling scaling) {
        static Observed only(List<PartOutcome> parts) {
            return new Observed(parts, null, null, null, null);
        }
    }

    /** The replicas wanted now, and the autoscaler's last change of them (null when it has none to report). */
    record Scaling(Integer desiredReplicas, ScaleEvent lastScale) {
    }

    /** @return the Function as stored after the call (the same object when nothing was written) */
    Function write(Function function, Observed observed) {
        FunctionStatus previous = function.getStatus();
        List<PartOutcome> parts = new ArrayList<>(observed.parts());
        if (parts.stream().noneMatch(part -> PartOutcome.READY.equals(part.type()))) {
            parts.add(Conditions.ready(observed.parts()));
        }
        Long generation = function.getMetadata().getGeneration();
        FunctionStatus next = new FunctionStatus();
        next.setConditions(conditions.of(parts, previous == null ? null : previous.getConditions(), generation));
        next.setObservedGeneration(generation);
        Deployment deployment = observed.deployment();
        if (deployment != null) {
            var status = deployment.getStatus();
            next.setReplicas(status == null || status.getReplicas() == null ? 0 : status.getReplicas());
            next.setReadyReplicas(status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas());
        } else if (previous != null) {
            next.setReplicas(previous.getReplicas());
            next.setReadyReplicas(previous.getReadyReplicas());
        }
        next.setSelector(observed.selector() != null ? observed.selector() : previous == null ? null : previous.getSelector());
        if (observed.scaling() != null) {
            next.setDesiredReplicas(observed.scaling().desiredReplicas());
            next.setLastScale(observed.scaling().lastScale());
        } else if (previous != null) {
            next.setDesiredReplicas(previous.getDesiredReplicas());
            next.setLastScale(previous.getLastScale());
        }
        next.setBacklog(observed.backlog());
        RuntimeSpec runtime = function.getSpec() == null ? null : function.getSpec().getRuntime();
        next.setPackageSha256(PulsarPackage.sha256Of(runtime == null ? null : runtime.jar()).orElse(null));
        if (previous != null && Serialization.asJson(previous).equals(Serialization.asJson(next))) {
            return function;
        }
        Function copy = Serialization.clone(function);
        copy.setStatus(next);
        Function written = client.resources(Function.class).inNamespace(function.getMetadata().getNamespace())
                .resource(copy).updateStatus();
        events.conditionsChanged(function, previous == null ? null : previous.getConditions(), next.getConditions());
        return written;
    }
}
