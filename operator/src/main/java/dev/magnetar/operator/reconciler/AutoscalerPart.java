package dev.magnetar.operator.reconciler;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.resources.RetiredAutoscaler;
import dev.magnetar.operator.resources.RuntimeScaledObject;
import dev.magnetar.operator.resources.keda.KedaSettings;
import dev.magnetar.operator.resources.keda.ScaledObject;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Autoscaler part of a function: who owns its replica count, with the objects that go with it.
 *
 * <ul>
 *   <li>No {@code autoscaling}: the spec's count, nothing to make.</li>
 *   <li>Engine {@code magnetar}: nothing to make; the leader's autoscaler loop writes the count through the Function's
 *       scale subresource and reports each change in this condition, which a reconcile keeps.</li>
 *   <li>Engine {@code keda}: a KEDA ScaledObject, made only after the topics and subscription exist (the reconciler
 *       applies parts in that order). Without KEDA in the cluster, the condition says so and nothing else changes.</li>
 * </ul>
 *
 * In every case an HorizontalPodAutoscaler an earlier version made is deleted, and a ScaledObject the function no
 * longer wants.
 */
final class AutoscalerPart {
    static final String NOT_REQUIRED = "NotRequired";
    /** Engine magnetar before its first change of the count. */
    static final String ACTIVE = "Active";
    static final String KEDA_SCALED_OBJECT = "KedaScaledObject";
    static final String KEDA_NOT_INSTALLED = "KedaNotInstalled";
    static final String KEDA_NOT_ALLOWED = "KedaNotAllowed";
    static final String KEDA_NEEDS_NAMED_TOPICS = "KedaNeedsNamedTopics";
    private static final Logger LOG = LoggerFactory.getLogger(AutoscalerPart.class);

    private final ChildApplier children;
    private final RetiredAutoscaler retired = new RetiredAutoscaler();
    private final RuntimeScaledObject scaledObjects;

    AutoscalerPart(ChildApplier children, KedaSettings keda) {
        this.children = children;
        this.scaledObjects = new RuntimeScaledObject(keda);
    }

    PartOutcome apply(Function function, ResolvedFunction resolved) {
        children.apply(retired, function);
        Optional<ScalingPolicy> policy = ScalingPolicy.of(function);
        if (policy.isEmpty() || policy.get().engine() == ScalingPolicy.Engine.MAGNETAR) {
            removeScaledObject(function);
        }
        if (policy.isEmpty()) {
            return PartOutcome.ready(PartOutcome.AUTOSCALER, NOT_REQUIRED,
                    "a fixed count: spec.replicas (" + resolved.replicas() + ")");
        }
        return policy.get().engine() == ScalingPolicy.Engine.KEDA ? keda(function, resolved, policy.get())
                : magnetar(function, policy.get());
    }

    /** The loop's own report when it made one; until then, what it is about to do. */
    private static PartOutcome magnetar(Function function, ScalingPolicy policy) {
        Condition previous = previous(function);
        if (previous != null && "True".equals(previous.getStatus()) && PartOutcome.SCALED.equals(previous.getReason())) {
            return PartOutcome.ready(PartOutcome.AUTOSCALER, PartOutcome.SCALED, previous.getMessage());
        }
        return PartOutcome.ready(PartOutcome.AUTOSCALER, ACTIVE, "Magnetar's autoscaler sets the replicas, between "
                + policy.minReplicas() + " and " + policy.maxReplicas() + ", from the backlog ("
                + policy.targetBacklogPerReplica() + " per replica)" + (policy.scalesToZero()
                ? " and scales to zero after " + policy.scaleToZeroAfter().toSeconds() + " s idle" : ""));
    }

    private PartOutcome keda(Function function, ResolvedFunction resolved, ScalingPolicy policy) {
        if (RuntimeScaledObject.observedTopics(resolved).isEmpty()) {
            removeScaledObject(function);
            return PartOutcome.notReady(PartOutcome.AUTOSCALER, KEDA_NEEDS_NAMED_TOPICS, "KEDA's Pulsar scaler reads"
                    + " named topics, and this function has only a topicsPattern: name its inputs, or set"
                    + " autoscaling.engine to magnetar", false);
        }
        try {
            ScaledObject applied = children.apply(scaledObjects, function).orElseThrow();
            return PartOutcome.ready(PartOutcome.AUTOSCALER, KEDA_SCALED_OBJECT, "KEDA scales it between "
                    + policy.minReplicas() + " and " + policy.maxReplicas() + " replicas from the backlog of "
                    + String.join(", ", RuntimeScaledObject.observedTopics(resolved)) + " (ScaledObject "
                    + applied.getMetadata().getName() + ")");
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return PartOutcome.notReady(PartOutcome.AUTOSCALER, KEDA_NOT_INSTALLED, "autoscaling.engine is keda,"
                        + " but KEDA is not installed in this cluster (no " + ScaledObject.CRD_NAME + " resource):"
                        + " install KEDA, or set autoscaling.engine to magnetar", true);
            }
            if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                return PartOutcome.notReady(PartOutcome.AUTOSCALER, KEDA_NOT_ALLOWED, "the controller may not manage "
                        + ScaledObject.CRD_NAME + " (" + e.getMessage() + "): grant it in its RBAC (the"
                        + " chart does)", true);
            }
            throw e;
        }
    }

    /**
     * A ScaledObject made earlier goes with the engine that wanted it. Where KEDA is not installed there is none, and
     * where the controller may not read them it made none.
     */
    private void removeScaledObject(Function function) {
        try {
            children.apply(scaledObjects, function);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND && e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
                throw e;
            }
            LOG.debug("No ScaledObject to look for: {}", e.getMessage());
        }
    }

    private static Condition previous(Function function) {
        List<Condition> conditions = function.getStatus() == null ? null : function.getStatus().getConditions();
        return conditions == null ? null : conditions.stream()
                .filter(condition -> PartOutcome.AUTOSCALER.equals(condition.getType())).findFirst().orElse(null);
    }
}
