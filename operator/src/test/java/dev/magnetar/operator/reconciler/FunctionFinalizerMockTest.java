package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The finalizer: present exactly with cleanupSubscription; deletion removes the subscription, or waits for Pulsar. */
@EnableKubernetesMockClient(crud = true)
class FunctionFinalizerMockTest {
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
    void cleanupSubscriptionAddsTheFinalizerAndDeletionRemovesTheSubscription() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setCleanupSubscription(true);
        create(function);
        reconcile("exclaim");
        assertThat(get("exclaim").getMetadata().getFinalizers()).contains(FunctionReconciler.FINALIZER);

        client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").delete();
        assertThat(get("exclaim").getMetadata().getDeletionTimestamp()).isNotNull();
        reconcile("exclaim");

        assertThat(pulsar.removedSubscriptions).containsExactly("public/default/exclaim");
        assertThat(get("exclaim")).isNull();
    }

    @Test
    void deletionWaitsWithAConditionWhilePulsarIsUnreachable() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setCleanupSubscription(true);
        create(function);
        reconcile("exclaim");
        pulsar.unreachable(true);
        client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").delete();

        ReconcileResult result = reconcile("exclaim");

        assertThat(result.requeueAfter()).contains(ReconcileResult.PULSAR_RETRY);
        Function terminating = get("exclaim");
        assertThat(terminating.getMetadata().getFinalizers()).contains(FunctionReconciler.FINALIZER);
        assertThat(condition(terminating, "Cleanup").getReason()).isEqualTo("PulsarUnavailable");
        assertThat(condition(terminating, "Cleanup").getMessage()).contains("Connection refused");

        pulsar.unreachable(false);
        reconcile("exclaim");
        assertThat(get("exclaim")).isNull();
    }

    @Test
    void theSubscriptionIsDeletedOnlyOnceNoReplicaPodIsLeft() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setCleanupSubscription(true);
        create(function);
        reconcile("exclaim");
        client.resource(new PodBuilder().withNewMetadata().withName("fn-exclaim-1").withNamespace(NAMESPACE)
                .withLabels(FunctionNames.selectorLabels("public", "default", "exclaim")).endMetadata().build()).create();
        client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").delete();

        ReconcileResult waiting = reconcile("exclaim");

        assertThat(waiting.requeueAfter()).contains(FunctionCleanup.PODS_RETRY);
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get()).isNull();
        assertThat(pulsar.removedSubscriptions).isEmpty();
        assertThat(condition(get("exclaim"), "Cleanup").getReason()).isEqualTo("WaitingForReplicas");

        client.pods().inNamespace(NAMESPACE).withName("fn-exclaim-1").delete();
        reconcile("exclaim");

        assertThat(pulsar.removedSubscriptions).containsExactly("public/default/exclaim");
        assertThat(get("exclaim")).isNull();
    }

    @Test
    void withoutCleanupSubscriptionNoFinalizerIsAdded() {
        create(TestFunctions.function("exclaim"));
        reconcile("exclaim");

        assertThat(get("exclaim").getMetadata().getFinalizers()).doesNotContain(FunctionReconciler.FINALIZER);
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

    private static Condition condition(Function function, String type) {
        return function.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + function.getStatus().getConditions()));
    }
}
