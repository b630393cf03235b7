package dev.magnetar.operator.reconciler;

import dev.magnetar.api.naming.FunctionNames;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a rollout that failed, as {@code kubectl rollout undo} would. The Deployment rolls with no
 * unavailable replica, so while a new version's pods fail to become ready the old ones keep serving;
 * once its progress deadline passes Kubernetes marks it (Progressing=False, ProgressDeadlineExceeded).
 * Then the previous revision's pod template is put back and the Deployment remembers the version it
 * gave up on ({@link FunctionNames#ANNOTATION_ROLLED_BACK_FROM}), so that version is not rolled out
 * again until the Function changes.
 */
final class RolloutGuard {
    static final String FAILED = "RolloutFailed";
    static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";
    private static final Logger LOG = LoggerFactory.getLogger(RolloutGuard.class);

    private final KubernetesClient client;

    RolloutGuard(KubernetesClient client) {
        this.client = client;
    }

    /** The Deployment part when its latest rollout failed (rolling it back if not done yet); empty otherwise. */
    Optional<PartOutcome> check(Deployment deployment) {
        String hash = annotation(deployment, FunctionNames.ANNOTATION_DESIRED_HASH);
        if (hash != null && hash.equals(annotation(deployment, FunctionNames.ANNOTATION_ROLLED_BACK_FROM))) {
            return Optional.of(failed(deployment, "its pods did not become ready within the rollout deadline; the"
                    + " previous version runs again: fix the function (its replicas' logs say why) and update it"));
        }
        if (!deadlineExceeded(deployment)) {
            return Optional.empty();
        }
        Optional<ReplicaSet> previous = previousRevision(deployment);
        if (previous.isEmpty()) {
            return Optional.of(failed(deployment, "its pods did not become ready within the rollout deadline, and"
                    + " there is no earlier version to go back to: fix the function (its replicas' logs say why)"));
        }
        rollBack(deployment, previous.get(), hash);
        return Optional.of(failed(deployment, "its pods did not become ready within the rollout deadline; rolled"
                + " back to revision " + annotation(previous.get(), REVISION) + ", which keeps serving: fix the"
                + " function (its replicas' logs say why) and update it"));
    }

    private void rollBack(Deployment deployment, ReplicaSet previous, String failedHash) {
        PodTemplateSpec template = Serialization.clone(previous.getSpec().getTemplate());
        template.getMetadata().getLabels().remove(POD_TEMPLATE_HASH);
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        LOG.warn("Deployment {}/{}: the new version did not become ready within its progress deadline; rolling back"
                + " to revision {}", namespace, name, annotation(previous, REVISION));
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder(deployment)
                .editMetadata().addToAnnotations(FunctionNames.ANNOTATION_ROLLED_BACK_FROM, failedHash).endMetadata()
                .editSpec().withTemplate(template).endSpec()
                .build()).update();
    }

    /** The newest ReplicaSet of this Deployment older than its current revision. */
    private Optional<ReplicaSet> previousRevision(Deployment deployment) {
        long current = revision(deployment.getMetadata().getAnnotations());
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace())
                .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                .filter(set -> set.getMetadata().getOwnerReferences() != null && set.getMetadata().getOwnerReferences()
                        .stream().anyMatch(owner -> owner.getUid().equals(deployment.getMetadata().getUid())))
                .toList();
        return owned.stream()
                .filter(set -> revision(set.getMetadata().getAnnotations()) < current)
                .max(Comparator.comparingLong(set -> revision(set.getMetadata().getAnnotations())));
    }

    private static boolean deadlineExceeded(Deployment deployment) {
        List<DeploymentCondition> conditions = deployment.getStatus() == null ? null
                : deployment.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(condition -> "Progressing".equals(condition.getType())
                && "False".equals(condition.getStatus()) && DEADLINE_EXCEEDED.equals(condition.getReason()));
    }

    private static PartOutcome failed(Deployment deployment, String why) {
        return PartOutcome.notReady(PartOutcome.DEPLOYMENT, FAILED, "the latest version of deployment "
                + deployment.getMetadata().getName() + " failed: " + why, false);
    }

    private static long revision(Map<String, String> annotations) {
        String value = annotations == null ? null : annotations.get(REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
