package dev.magnetar.operator.reconciler;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.StatusWriter.Observed;
import dev.magnetar.operator.resources.ChildMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens between the deletion of a Function (by {@code kubectl delete} or the admin API) and
 * its being gone, when it carries {@link CleanupFinalizers}: the Deployment is deleted; once no
 * replica pod is left (a replica still running would re-create what is removed) the subscription
 * is deleted (with {@value CleanupFinalizers#SUBSCRIPTION}) and the package topic with every
 * version of the jar (with {@value CleanupFinalizers#PACKAGE}); then the finalizers are removed.
 * While Pulsar cannot be reached the Function stays Terminating with a {@code Cleanup=False}
 * condition saying why, and is retried.
 */
final class FunctionCleanup {
    static final Duration PODS_RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(FunctionCleanup.class);

    private final KubernetesClient client;
    private final PulsarTopics topics;
    private final ChildApplier children;
    private final StatusWriter status;

    FunctionCleanup(KubernetesClient client, PulsarTopics topics, ChildApplier children, StatusWriter status) {
        this.client = client;
        this.topics = topics;
        this.children = children;
        this.status = status;
    }

    ReconcileResult run(Function function) {
        if (!CleanupFinalizers.pending(function)) {
            return ReconcileResult.done(); // children go with their owner
        }
        List<Supplier<PartOutcome>> removals = removals(function);
        if (!removals.isEmpty()) {
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
            // Each removal is idempotent: a retry repeats the ones that worked.
            List<PartOutcome> failed = removals.stream().map(Supplier::get).filter(outcome -> !outcome.ready()).toList();
            if (!failed.isEmpty()) {
                status.write(function, Observed.only(List.of(failed.get(0))));
                return ReconcileResult.requeue(ReconcileResult.PULSAR_RETRY);
            }
        }
        Function copy = Serialization.clone(function);
        copy.getMetadata().getFinalizers().removeAll(List.of(CleanupFinalizers.SUBSCRIPTION, CleanupFinalizers.PACKAGE));
        client.resources(Function.class).inNamespace(function.getMetadata().getNamespace()).resource(copy).update();
        return ReconcileResult.done();
    }

    /** What must leave Pulsar with this function; nothing when its spec is invalid (the names cannot be trusted). */
    private List<Supplier<PartOutcome>> removals(Function function) {
        if (!FunctionValidator.validate(function).isEmpty()) {
            LOG.warn("Function {}/{} was deleted with an invalid spec: its subscription and package topic, if any,"
                    + " stay in Pulsar; delete them with pulsar-admin", function.getMetadata().getNamespace(),
                    function.getMetadata().getName());
            return List.of();
        }
        List<Supplier<PartOutcome>> removals = new ArrayList<>();
        if (CleanupFinalizers.has(function, CleanupFinalizers.SUBSCRIPTION)
                && Boolean.TRUE.equals(function.getSpec().getCleanupSubscription())) {
            removals.add(() -> topics.removeSubscription(ResolvedFunction.of(function)));
        }
        if (CleanupFinalizers.has(function, CleanupFinalizers.PACKAGE)) {
            removals.add(() -> topics.removePackage(CleanupFinalizers.packageTopic(function)));
        }
        return removals;
    }
}
