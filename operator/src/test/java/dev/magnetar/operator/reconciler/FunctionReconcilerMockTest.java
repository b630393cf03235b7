package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.resources.ChildMetadata;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class FunctionReconcilerMockTest {
    KubernetesMockServer server;
    KubernetesClient client;
    FakeTopicProvisioner pulsar;
    FunctionReconciler reconciler;

    @BeforeEach
    void setUp() {
        pulsar = new FakeTopicProvisioner();
        reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(pulsar), Clock.systemUTC());
    }

    @Test
    void createMakesOwnedChildrenAndReportsEachPart() {
        Function stored = create(TestFunctions.function("exclaim"));

        ReconcileResult result = reconcile("exclaim");

        assertThat(result.requeueAfter()).isEmpty();
        for (HasMetadata child : List.of(deployment(), service())) {
            assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getUid()).isEqualTo(stored.getMetadata().getUid());
                assertThat(owner.getKind()).isEqualTo("Function");
                assertThat(owner.getController()).isTrue();
            });
        }
        assertThat(hpa()).isNull();
        Function function = get("exclaim");
        assertThat(function.getStatus().getObservedGeneration()).isEqualTo(function.getMetadata().getGeneration());
        assertThat(condition(function, "Topics").getStatus()).isEqualTo("True");
        assertThat(condition(function, "Service").getStatus()).isEqualTo("True");
        assertThat(condition(function, "Autoscaler").getReason()).isEqualTo("NotRequired");
        assertThat(condition(function, "Deployment").getReason()).isEqualTo("Progressing");
        assertThat(condition(function, "Ready").getStatus()).isEqualTo("False");
        assertThat(function.getStatus().getSelector())
                .isEqualTo("magnetar.dev/function=exclaim,magnetar.dev/namespace=default,magnetar.dev/tenant=public");
        assertThat(function.getStatus().getReplicas()).isZero();
    }

    @Test
    void topicsAreProvisionedBeforeTheDeploymentExists() {
        pulsar.onEnsure(function -> assertThat(deployment()).as("Deployment at topic provisioning").isNull());
        create(TestFunctions.function("exclaim"));

        reconcile("exclaim");

        assertThat(pulsar.ensured).containsExactly("public/default/exclaim");
        assertThat(deployment()).isNotNull();
    }

    @Test
    void readyOnceTheDeploymentsReplicasAreReady() {
        create(TestFunctions.function("exclaim"));
        reconcile("exclaim");
        Deployment deployment = deployment();
        deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
        client.resource(deployment).updateStatus();

        reconcile("exclaim");

        Function function = get("exclaim");
        assertThat(condition(function, "Deployment").getStatus()).isEqualTo("True");
        assertThat(condition(function, "Ready").getStatus()).isEqualTo("True");
        assertThat(function.getStatus().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void specChangesUpdateTheDeployment() {
        create(TestFunctions.function("exclaim"));
        reconcile("exclaim");

        Function function = get("exclaim");
        function.getSpec().setRuntime(new RuntimeSpec("registry.example/exclaim:2", "/app/f.jar", "com.example.Exclaim"));
        function.getSpec().setReplicas(4);
        function.getSpec().setUserConfig(Map.of("suffix", "!!"));
        client.resource(function).update();
        reconcile("exclaim");

        Deployment deployment = deployment();
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(4);
        assertThat(container.getImage()).isEqualTo("registry.example/exclaim:2");
        String json = container.getEnv().stream().filter(e -> e.getName().equals("MAGNETAR_FUNCTION")).findFirst()
                .orElseThrow().getValue();
        assertThat(Serialization.unmarshal(json, Function.class).getSpec().getUserConfig()).containsEntry("suffix", "!!");
    }

    @Test
    void invalidSpecGetsInvalidSpecNamingEveryFieldAndNoChildren() {
        Function invalid = TestFunctions.function("broken");
        invalid.getSpec().setInputs(List.of());
        invalid.getSpec().setRuntime(new RuntimeSpec(null, "/app/f.jar", "not a class"));
        create(invalid);

        assertThat(reconcile("broken").requeueAfter()).isEmpty();

        Condition ready = condition(get("broken"), "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("InvalidSpec");
        assertThat(ready.getMessage()).contains("spec.inputs").contains("spec.runtime.className");
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(pulsar.ensured).isEmpty();
    }

    @Test
    void problemsAndReadinessAreRecordedAsEventsOnTheFunctionAndAResyncRecordsNone() {
        Function invalid = TestFunctions.function("broken");
        invalid.getSpec().setInputs(List.of());
        Function stored = create(invalid);

        reconcile("broken");
        reconcile("broken");

        List<Event> events = client.v1().events().inNamespace(NAMESPACE).list().getItems();
        assertThat(events).filteredOn(e -> "InvalidSpec".equals(e.getReason())).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("Function");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("broken");
            assertThat(event.getInvolvedObject().getUid()).isEqualTo(stored.getMetadata().getUid());
            assertThat(event.getMessage()).startsWith("Ready: ").contains("spec.inputs");
            assertThat(event.getSource().getComponent()).isEqualTo(FunctionEvents.SOURCE);
        });

        Function fixed = get("broken");
        fixed.getSpec().setInputs(List.of("in-broken"));
        client.resource(fixed).update();
        reconcile("broken");
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .as("parts on their way (Progressing) are not worth an event").hasSize(1);

        Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName("fn-broken").get();
        deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
        client.resource(deployment).updateStatus();
        reconcile("broken");

        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .filteredOn(e -> "Ready".equals(e.getReason())).singleElement()
                .satisfies(event -> assertThat(event.getType()).isEqualTo("Normal"));
    }

    @Test
    void resyncWithNothingChangedWritesNothing() throws InterruptedException {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 3, null, null, null, null, null, null, null));
        function.getSpec().setCleanupSubscription(true);
        create(function);
        reconcile("exclaim");
        reconcile("exclaim");
        drainRequests();

        reconcile("exclaim");
        reconcile("exclaim");

        assertThat(drainRequests()).isNotEmpty().allMatch(request -> request.startsWith("GET "));
    }

    @Test
    void aChildDeletedByHandIsRecreated() {
        create(TestFunctions.function("exclaim"));
        reconcile("exclaim");
        client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").delete();
        client.services().inNamespace(NAMESPACE).withName("fn-exclaim").delete();

        reconcile("exclaim");

        assertThat(deployment()).isNotNull();
        assertThat(service()).isNotNull();
    }

    @Test
    void replicasScaledByHandAreRestoredWithoutAutoscaler() {
        create(TestFunctions.function("exclaim"));
        reconcile("exclaim");
        client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").scale(5);

        reconcile("exclaim");

        assertThat(deployment().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void anAutoscaledFunctionsDeploymentFollowsItsReplicasDownToZero() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setReplicas(0);
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 8, null, null, null, null, null, null, null));
        create(function);
        reconcile("exclaim");
        assertThat(deployment().getSpec().getReplicas()).as("scaled to zero, not one").isZero();
        Function reconciled = get("exclaim");
        assertThat(reconciled.getStatus().getDesiredReplicas()).isZero();
        assertThat(condition(reconciled, "Autoscaler").getReason()).isEqualTo("Active");
        assertThat(condition(reconciled, "Autoscaler").getMessage()).contains("between 0 and 8");

        client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").scale(6); // as the autoscaler does
        reconcile("exclaim");

        assertThat(deployment().getSpec().getReplicas()).isEqualTo(6);
    }

    @Test
    void theAutoscalersOwnReportIsKeptByAReconcile() throws InterruptedException {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 8, null, null, null, null, null, null, null));
        create(function);
        reconcile("exclaim");
        Function reconciled = get("exclaim");
        reconciled.getStatus().setDesiredReplicas(3);
        reconciled.getStatus().setLastScale(new ScaleEvent(1, 3, "backlog 300", "2030-01-01T00:00:00Z"));
        reconciled.getStatus().getConditions().stream().filter(c -> c.getType().equals("Autoscaler")).forEach(c -> {
            c.setReason("Scaled");
            c.setMessage("from 1 to 3 replicas: backlog 300");
        });
        client.resource(reconciled).updateStatus();
        drainRequests();

        reconcile("exclaim");

        assertThat(drainRequests()).allMatch(request -> request.startsWith("GET "));
        Function kept = get("exclaim");
        assertThat(kept.getStatus().getDesiredReplicas()).isEqualTo(3);
        assertThat(kept.getStatus().getLastScale().to()).isEqualTo(3);
        assertThat(condition(kept, "Autoscaler").getMessage()).isEqualTo("from 1 to 3 replicas: backlog 300");
    }

    @Test
    void aRollingRestartSurvivesTheNextSpecChange() {
        create(TestFunctions.function("exclaim"));
        reconcile("exclaim");
        new dev.magnetar.operator.admin.KubernetesReplicas(client, null,
                new dev.magnetar.controlplane.config.ControlPlaneConfig(null, false)).restart("public/default/exclaim");
        String restartedAt = deployment().getSpec().getTemplate().getMetadata().getAnnotations()
                .get("kubectl.kubernetes.io/restartedAt");
        assertThat(restartedAt).isNotNull();

        Function changed = get("exclaim");
        changed.getSpec().setReplicas(2);
        client.resource(changed).update();
        reconcile("exclaim");

        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", restartedAt);
    }

    @Test
    void aHorizontalPodAutoscalerAnEarlierVersionMadeIsDeleted() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, null, null, null, null, null, null, null));
        Function stored = create(function);
        client.resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("fn-exclaim").withNamespace(NAMESPACE)
                .addToLabels(FunctionNames.LABEL_MANAGED_BY, FunctionNames.MANAGER)
                .withOwnerReferences(ChildMetadata.owner(stored)).endMetadata()
                .withNewSpec().withMaxReplicas(4).withNewScaleTargetRef().withKind("Deployment").withName("fn-exclaim")
                .endScaleTargetRef().endSpec().build()).create();

        reconcile("exclaim");

        assertThat(hpa()).isNull();
    }

    @Test
    void autoscalingTurnedOffGivesTheCountBackToTheSpec() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, null, null, null, null, null, null, null));
        create(function);
        reconcile("exclaim");

        Function fixed = get("exclaim");
        fixed.getSpec().setAutoscaling(null);
        fixed.getSpec().setReplicas(3);
        client.resource(fixed).update();
        reconcile("exclaim");

        assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(get("exclaim").getStatus().getDesiredReplicas()).isEqualTo(3);
        assertThat(condition(get("exclaim"), "Autoscaler").getReason()).isEqualTo("NotRequired");
    }

    @Test
    void unreachablePulsarCreatesNoDeploymentAndRetries() {
        pulsar.unreachable(true);
        create(TestFunctions.function("exclaim"));

        ReconcileResult result = reconcile("exclaim");

        assertThat(result.requeueAfter()).contains(ReconcileResult.PULSAR_RETRY);
        assertThat(deployment()).isNull();
        Function function = get("exclaim");
        assertThat(condition(function, "Topics").getReason()).isEqualTo("PulsarUnavailable");
        assertThat(condition(function, "Deployment").getReason()).isEqualTo("WaitingForTopics");

        pulsar.unreachable(false);
        reconcile("exclaim");
        assertThat(deployment()).isNotNull();
    }

    @Test
    void aConflictIsRetriedNotReported() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setCleanupSubscription(true);
        create(function);
        Function stale = get("exclaim");
        Function newer = get("exclaim");
        newer.getSpec().setReplicas(2);
        client.resource(newer).update();

        ReconcileResult result = reconciler.reconcile(stale); // adding the finalizer to the stale copy answers 409

        assertThat(result.requeueAfter()).contains(ReconcileResult.CONFLICT_RETRY);
        assertThat(get("exclaim").getStatus()).isNull();
        assertThat(deployment()).isNull();
        reconcile("exclaim");
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(get("exclaim").getMetadata().getFinalizers()).contains(FunctionReconciler.FINALIZER);
    }

    private Function create(Function function) {
        return client.resource(function).create();
    }

    private Function get(String name) {
        return client.resources(Function.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private ReconcileResult reconcile(String name) {
        return reconciler.reconcile(get(name));
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get();
    }

    private Service service() {
        return client.services().inNamespace(NAMESPACE).withName("fn-exclaim").get();
    }

    private HorizontalPodAutoscaler hpa() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withName("fn-exclaim").get();
    }

    private static Condition condition(Function function, String type) {
        return function.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + function.getStatus().getConditions()));
    }

    /** "METHOD path" of every request the mock server received since the last call. */
    private List<String> drainRequests() throws InterruptedException {
        List<String> requests = new java.util.ArrayList<>();
        var request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        while (request != null) {
            requests.add(request.getMethod() + " " + request.getPath());
            request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        }
        return requests;
    }
}
