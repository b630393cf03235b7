package dev.magnetar.operator.reconciler;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionStatus;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.bridge.pulsar.PulsarConfig;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.StatusWriter.Observed;
import dev.magnetar.operator.reconciler.StatusWriter.Scaling;
import dev.magnetar.operator.resources.ChildMetadata;
import dev.magnetar.operator.resources.RuntimeAccessSecret;
import dev.magnetar.operator.resources.RuntimeDeployment;
import dev.magnetar.operator.resources.RuntimeService;
import dev.magnetar.operator.resources.RuntimeSettings;
import dev.magnetar.operator.resources.keda.KedaSettings;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one Function's world in line with its spec. Only orchestrates: validate, then the Pulsar
 * topics (before any replica exists), then each {@link dev.magnetar.operator.resources.Dependent}
 * (the replicas' access Secret before the Deployment whose pods read it, then Service, then the {@link AutoscalerPart}),
 * then the status with one condition per part. A rollout that failed is rolled back by the {@link RolloutGuard}.
 * Deletion runs {@link FunctionCleanup} behind the {@link CleanupFinalizers} (the subscription with
 * {@code cleanupSubscription}, the package topic of an uploaded jar).
 *
 * <p>A 409 conflict (someone changed the object since it was read) is not a failure: the function
 * is looked at again shortly with fresh data.
 */
public class FunctionReconciler {
    public static final String FINALIZER = FunctionNames.FINALIZER_CLEANUP_SUBSCRIPTION;
    private static final Logger LOG = LoggerFactory.getLogger(FunctionReconciler.class);

    private final KubernetesClient client;
    private final PulsarTopics topics;
    private final RuntimeAccessSecret accessSecrets;
    private final RuntimeDeployment deployments;
    private final RuntimeService services;
    private final AutoscalerPart autoscaler;
    private final ChildApplier children;
    private final RolloutGuard rollouts;
    private final StatusWriter status;
    private final FunctionCleanup cleanup;

    /**
     * A reconciler whose KEDA triggers read Pulsar unauthenticated at {@link PulsarConfig#DEFAULT_ADMIN_URL}.
     *
     * @param access derives each function's replica access token, with the key the control plane reads replicas with
     */
    public FunctionReconciler(KubernetesClient client, RuntimeSettings settings, ReplicaAccess access, PulsarTopics topics,
                              Clock clock) {
        this(client, settings, KedaSettings.unauthenticated(PulsarConfig.DEFAULT_ADMIN_URL), access, topics, clock);
    }

    /** @param keda where the KEDA ScaledObjects of functions with {@code autoscaling.engine: keda} read Pulsar */
    public FunctionReconciler(KubernetesClient client, RuntimeSettings settings, KedaSettings keda, ReplicaAccess access,
                              PulsarTopics topics, Clock clock) {
        this.client = client;
        this.topics = topics;
        this.accessSecrets = new RuntimeAccessSecret(access);
        this.deployments = new RuntimeDeployment(settings);
        this.services = new RuntimeService(settings);
        this.children = new ChildApplier(client);
        this.autoscaler = new AutoscalerPart(children, keda);
        this.rollouts = new RolloutGuard(client);
        this.status = new StatusWriter(client, new Conditions(clock), new FunctionEvents(client, clock));
        this.cleanup = new FunctionCleanup(client, topics, children, status);
    }

    public ReconcileResult reconcile(Function function) {
        try {
            if (function.getMetadata().getDeletionTimestamp() != null) {
                return cleanup.run(function);
            }
            return reconcileLive(function);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                LOG.debug("Conflict on function {}/{}, retrying: {}", function.getMetadata().getNamespace(),
                        function.getMetadata().getName(), e.getMessage());
                return ReconcileResult.requeue(ReconcileResult.CONFLICT_RETRY);
            }
            throw e;
        }
    }

    private ReconcileResult reconcileLive(Function function) {
        List<Violation> violations = FunctionValidator.validate(function);
        if (!violations.isEmpty()) {
            String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            status.write(function, Observed.only(List.of(
                    PartOutcome.notReady(PartOutcome.READY, "InvalidSpec", message, false))));
            return ReconcileResult.done();
        }
        Function current = syncFinalizer(function);
        ResolvedFunction resolved = ResolvedFunction.of(current);
        PartOutcome topicsPart = topics.ensure(resolved);
        if (!topicsPart.ready()) {
            String waiting = "waits for the topics";
            status.write(current, Observed.only(List.of(topicsPart,
                    PartOutcome.notReady(PartOutcome.DEPLOYMENT, PartOutcome.WAITING_FOR_TOPICS, waiting, true),
                    PartOutcome.notReady(PartOutcome.SERVICE, PartOutcome.WAITING_FOR_TOPICS, waiting, true),
                    PartOutcome.notReady(PartOutcome.AUTOSCALER, PartOutcome.WAITING_FOR_TOPICS, waiting, true))));
            return topicsPart.retry() ? ReconcileResult.requeue(ReconcileResult.PULSAR_RETRY) : ReconcileResult.done();
        }
        children.apply(accessSecrets, current);
        Deployment deployment = children.apply(deployments, current).orElseThrow();
        Service service = children.apply(services, current).orElseThrow();
        PartOutcome autoscalerPart = autoscaler.apply(current, resolved);
        PartOutcome deploymentPart = rollouts.check(deployment).orElseGet(() -> deploymentPart(deployment));
        status.write(current, new Observed(List.of(topicsPart, deploymentPart,
                PartOutcome.ready(PartOutcome.SERVICE, "Applied", "service " + service.getMetadata().getName()),
                autoscalerPart), deployment, ChildMetadata.selectorString(resolved), topics.backlog(resolved),
                scaling(current, resolved, deployment)));
        return ReconcileResult.done();
    }

    /** The finalizers are there exactly when something in Pulsar must be deleted with the function. */
    private Function syncFinalizer(Function function) {
        List<String> present = function.getMetadata().getFinalizers() == null ? List.of()
                : function.getMetadata().getFinalizers();
        List<String> wanted = CleanupFinalizers.sync(present, function);
        if (wanted.equals(present)) {
            return function;
        }
        Function copy = Serialization.clone(function);
        copy.getMetadata().setFinalizers(wanted);
        return client.resources(Function.class).inNamespace(function.getMetadata().getNamespace()).resource(copy).update();
    }

    /**
     * The count wanted now: the spec's when fixed; the one Magnetar's autoscaler recorded (it alone writes it and its
     * last change), the Deployment's until it has; KEDA's, which is the Deployment's.
     */
    private static Scaling scaling(Function function, ResolvedFunction resolved, Deployment deployment) {
        Integer deployed = deployment.getSpec().getReplicas();
        var policy = ScalingPolicy.of(function);
        if (policy.isEmpty()) {
            return new Scaling(resolved.replicas(), null);
        }
        if (policy.get().engine() == ScalingPolicy.Engine.KEDA) {
            return new Scaling(deployed, null);
        }
        FunctionStatus previous = function.getStatus();
        Integer recorded = previous == null ? null : previous.getDesiredReplicas();
        return new Scaling(recorded != null ? recorded : deployed, previous == null ? null : previous.getLastScale());
    }

    private static PartOutcome deploymentPart(Deployment deployment) {
        int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int ready = deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null
                ? 0 : deployment.getStatus().getReadyReplicas();
        String message = ready + " of " + wanted + " replicas ready";
        return ready >= wanted
                ? PartOutcome.ready(PartOutcome.DEPLOYMENT, "Available", message)
                : PartOutcome.notReady(PartOutcome.DEPLOYMENT, PartOutcome.PROGRESSING, message, true);
    }
}
