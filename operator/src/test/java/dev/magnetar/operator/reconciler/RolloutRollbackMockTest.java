package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A version whose pods do not become ready is rolled back to the previous revision, reported, and not rolled
 * out again until the Function changes. The mock API server runs no Deployment controller: the test plays its
 * part (revisions, ReplicaSets, the Progressing condition).
 */
@EnableKubernetesMockClient(crud = true)
class RolloutRollbackMockTest {
    KubernetesClient client;
    FunctionReconciler reconciler;

    @BeforeEach
    void setUp() {
        reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new FakeTopicProvisioner()),
                Clock.systemUTC());
    }

    @Test
    void aRolloutPastItsDeadlineIsRolledBackReportedAndNotRetriedUntilTheFunctionChanges() {
        client.resource(TestFunctions.function("exclaim")).create();
        reconcile();
        ReplicaSet first = replicaSetOf(deployment(), "1");
        Function broken = get();
        broken.getSpec().setRuntime(new RuntimeSpec("registry.example/exclaim:broken", "/app/f.jar", "com.example.Exclaim"));
        client.resource(broken).update();
        reconcile();
        assertThat(image(deployment())).isEqualTo("registry.example/exclaim:broken");
        replicaSetOf(deployment(), "2");
        deadlineExceeded(deployment());

        reconcile();

        Deployment rolledBack = deployment();
        assertThat(image(rolledBack)).as("the previous revision's template").isEqualTo(image(first));
        assertThat(rolledBack.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        assertThat(rolledBack.getMetadata().getAnnotations()).containsEntry(FunctionNames.ANNOTATION_ROLLED_BACK_FROM,
                rolledBack.getMetadata().getAnnotations().get(FunctionNames.ANNOTATION_DESIRED_HASH));
        Condition condition = condition(get(), "Deployment");
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo(RolloutGuard.FAILED);
        assertThat(condition.getMessage()).contains("rolled back to revision 1").contains("update it");
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .anyMatch(event -> RolloutGuard.FAILED.equals(event.getReason()));

        String version = rolledBack.getMetadata().getResourceVersion();
        reconcile();
        assertThat(deployment().getMetadata().getResourceVersion()).as("the failed version is not rolled out again")
                .isEqualTo(version);
        assertThat(condition(get(), "Deployment").getReason()).isEqualTo(RolloutGuard.FAILED);

        Function fixed = get();
        fixed.getSpec().setRuntime(new RuntimeSpec("registry.example/exclaim:fixed", "/app/f.jar", "com.example.Exclaim"));
        client.resource(fixed).update();
        reconcile();
        assertThat(image(deployment())).isEqualTo("registry.example/exclaim:fixed");
        assertThat(deployment().getMetadata().getAnnotations()).doesNotContainKey(FunctionNames.ANNOTATION_ROLLED_BACK_FROM);
    }

    @Test
    void aFirstVersionThatFailsHasNothingToGoBackToAndSaysSo() {
        client.resource(TestFunctions.function("exclaim")).create();
        reconcile();
        replicaSetOf(deployment(), "1");
        deadlineExceeded(deployment());

        reconcile();

        assertThat(condition(get(), "Deployment").getMessage()).contains("no earlier version");
        assertThat(deployment().getMetadata().getAnnotations()).doesNotContainKey(FunctionNames.ANNOTATION_ROLLED_BACK_FROM);
    }

    /** What the Deployment controller does on a template change: a new revision and its ReplicaSet. */
    private ReplicaSet replicaSetOf(Deployment deployment, String revision) {
        deployment.getMetadata().getAnnotations().put(RolloutGuard.REVISION, revision);
        client.resource(deployment).update();
        var template = Serialization.clone(deployment.getSpec().getTemplate());
        template.getMetadata().getLabels().put("pod-template-hash", "h" + revision);
        return client.resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("fn-exclaim-" + revision).withNamespace(NAMESPACE)
                .addToAnnotations(RolloutGuard.REVISION, revision)
                .withLabels(deployment.getSpec().getSelector().getMatchLabels())
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withSelector(deployment.getSpec().getSelector()).withTemplate(template).endSpec()
                .build()).create();
    }

    private void deadlineExceeded(Deployment deployment) {
        deployment.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1)
                .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded").build())
                .build());
        client.resource(deployment).updateStatus();
    }

    private void reconcile() {
        reconciler.reconcile(get());
    }

    private Function get() {
        return client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get();
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static String image(ReplicaSet set) {
        return set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static Condition condition(Function function, String type) {
        return function.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + function.getStatus().getConditions()));
    }
}
