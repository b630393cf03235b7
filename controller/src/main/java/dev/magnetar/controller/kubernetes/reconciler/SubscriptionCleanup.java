package dev.magnetar.controller.kubernetes.reconciler;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.controller.kubernetes.pulsar.PulsarTopics;
import dev.magnetar.controller.kubernetes.reconciler.StatusWriter.Observed;
import dev.magnetar.controller.kubernetes.resources.ChildMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;

/**
 * What happens between {@code kubectl delete function} and the Function being gone, when it
 * carries the {@value FunctionReconciler#FINALIZER} finalizer: the Deployment is deleted, the
 * subscription is deleted once no replica pod is left (a replica still running would re-create
 * it), then the finalizer is removed. While Pulsar cannot be reached the Function stays
 * Terminating with a {@code Cleanup=False} condition saying why.
 */
final class SubscriptionCleanup {
    static final Duration PODS_RETRY = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final PulsarTopics topics;
    private final ChildApplier children;
    private final StatusWriter status;

    SubscriptionCleanup(KubernetesClient client, PulsarTopics topics, ChildApplier children, StatusWriter status) {
        this.client = client;
        this.topics = topics;
        this.children = children;
        this.status = status;
    }

    ReconcileResult run(Function function) {
        List<String> finalizers = function.getMetadata().getFinalizers();
        if (finalizers == null || !finalizers.contains(FunctionReconciler.FINALIZER)) {
            return ReconcileResult.done(); // children go with their owner
        }
        if (Boolean.TRUE.equals(function.getSpec().getCleanupSubscription())
                && FunctionValidator.validate(function).isEmpty()) {
            ResolvedFunction resolved = ResolvedFunction.of(function);
            String namespace = function.getMetadata().getNamespace();
            children.deleteIfManaged(Deployment.class, namespace, FunctionNames.workloadName(resolved.name()));
            int pods = client.pods().inNamespace(namespace).withLabels(ChildMetadata.selector(resolved)).list()
                    .getItems().size();
            if (pods > 0) {
                status.write(function, Observed.only(List.of(PartOutcome.notReady(PartOutcome.CLEANUP,
                        "WaitingForReplicas", pods + " replica pod(s) still stopping", true))));
                return ReconcileResult.requeue(PODS_RETRY);
            }
            PartOutcome removed = topics.removeSubscription(resolved);
            if (!removed.ready()) {
                status.write(function, Observed.only(List.of(removed)));
                return ReconcileResult.requeue(ReconcileResult.PULSAR_RETRY);
            }
        }
        Function copy = Serialization.clone(function);
        copy.getMetadata().getFinalizers().remove(FunctionReconciler.FINALIZER);
        client.resources(Function.class).inNamespace(function.getMetadata().getNamespace()).resource(copy).update();
        return ReconcileResult.done();
    }
}
