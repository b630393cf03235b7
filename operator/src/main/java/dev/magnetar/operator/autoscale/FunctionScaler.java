package dev.magnetar.operator.autoscale;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionStatus;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import dev.magnetar.operator.reconciler.FunctionEvents;
import dev.magnetar.operator.reconciler.PartOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts the autoscaler's decisions on the Function: the count through its scale subresource (so {@code kubectl get} and
 * {@code kubectl scale} see it, and the reconciler sizes the Deployment from it; a Function that has no count yet gets
 * its first one on the resource itself), and each change in its status
 * ({@code desiredReplicas}, {@code lastScale}, the {@code Autoscaler} condition) and as an Event. Each write only when
 * it changes something.
 */
public final class FunctionScaler {
    static final String SCALED_UP = "ScaledUp";
    static final String SCALED_DOWN = "ScaledDown";

    private final KubernetesClient client;
    private final FunctionEvents events;

    public FunctionScaler(KubernetesClient client, FunctionEvents events) {
        this.client = client;
        this.events = events;
    }

    /**
     * Records {@code change} in the status, with the {@code backlog} it was decided on (when known), then as an Event.
     *
     * @return false when the Function changed since it was read (409): the caller tries again with a fresher copy
     */
    public boolean record(Function function, ScaleEvent change, Long backlog) {
        FunctionStatus status = function.getStatus() == null ? new FunctionStatus()
                : Serialization.clone(function.getStatus());
        String message = describe(change);
        status.setDesiredReplicas(change.to());
        status.setLastScale(change);
        if (backlog != null) {
            status.setBacklog(backlog);
        }
        status.setConditions(withAutoscaler(status.getConditions(), message, function.getMetadata().getGeneration(),
                change.time()));
        Function copy = Serialization.clone(function);
        copy.setStatus(status);
        try {
            client.resources(Function.class).inNamespace(function.getMetadata().getNamespace()).resource(copy)
                    .updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
        events.record(function, "Normal", change.to() > change.from() ? SCALED_UP : SCALED_DOWN, message);
        return true;
    }

    /** Sets {@code spec.replicas} through the scale subresource, unless it already says {@code replicas}. */
    public boolean scale(Function function, int replicas) {
        if (Objects.equals(function.getSpec().getReplicas(), replicas)) {
            return false;
        }
        var resource = client.resources(Function.class).inNamespace(function.getMetadata().getNamespace())
                .withName(function.getMetadata().getName());
        if (function.getSpec().getReplicas() == null) {
            // The API server has no scale to show while the field is absent (it answers 500), so the first count is
            // written on the Function itself.
            resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
        } else {
            resource.scale(replicas);
        }
        return true;
    }

    static String describe(ScaleEvent change) {
        return "from " + change.from() + " to " + change.to() + " replicas: " + change.reason();
    }

    /** The conditions with the Autoscaler one replaced; it keeps its transition time while it stays True. */
    private static List<Condition> withAutoscaler(List<Condition> conditions, String message, Long generation,
                                                  String now) {
        List<Condition> next = new ArrayList<>();
        String since = Instant.parse(now).truncatedTo(ChronoUnit.SECONDS).toString();
        for (Condition condition : conditions == null ? List.<Condition>of() : conditions) {
            if (PartOutcome.AUTOSCALER.equals(condition.getType())) {
                if ("True".equals(condition.getStatus()) && condition.getLastTransitionTime() != null) {
                    since = condition.getLastTransitionTime();
                }
            } else {
                next.add(condition);
            }
        }
        next.add(new ConditionBuilder().withType(PartOutcome.AUTOSCALER).withStatus("True").withReason(PartOutcome.SCALED)
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(since).build());
        return next;
    }
}
