package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
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

/**
 * The package finalizer: a function whose jar is kept in its own package topic takes the topic
 * with it when deleted, once its replicas are gone, and waits with a condition while Pulsar is away.
 */
@EnableKubernetesMockClient(crud = true)
class PackageCleanupMockTest {
    private static final String TOPIC = PulsarPackage.topicOf("public", "default", "exclaim");
    private static final String DIGEST = "a".repeat(64);

    KubernetesClient client;
    FakeTopicProvisioner pulsar;
    FunctionReconciler reconciler;

    @BeforeEach
    void setUp() {
        pulsar = new FakeTopicProvisioner();
        reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(pulsar, pulsar), Clock.systemUTC());
    }

    @Test
    void aJarInTheFunctionsOwnPackageTopicAddsTheFinalizerAndDeletionDeletesTheTopic() {
        create(packaged("exclaim", TOPIC));
        reconcile("exclaim");
        assertThat(get("exclaim").getMetadata().getFinalizers()).containsExactly(CleanupFinalizers.PACKAGE);

        delete("exclaim");
        ReconcileResult result = reconcile("exclaim");

        assertThat(result.requeueAfter()).isEmpty();
        assertThat(pulsar.deletedPackageTopics).containsExactly(TOPIC);
        assertThat(pulsar.removedSubscriptions).as("cleanupSubscription is off").isEmpty();
        assertThat(get("exclaim")).isNull();
    }

    @Test
    void aJarInAnotherFunctionsPackageTopicIsNotThisFunctionsToDelete() {
        create(packaged("exclaim", PulsarPackage.topicOf("public", "default", "other")));
        reconcile("exclaim");

        assertThat(get("exclaim").getMetadata().getFinalizers()).doesNotContain(CleanupFinalizers.PACKAGE);
        delete("exclaim");
        assertThat(get("exclaim")).isNull();
        assertThat(pulsar.deletedPackageTopics).isEmpty();
    }

    @Test
    void theFinalizerStaysWhenTheFunctionSwitchesToAnotherJarSoTheTopicStillGoesWithIt() {
        create(packaged("exclaim", TOPIC));
        reconcile("exclaim");
        Function switched = get("exclaim");
        switched.getSpec().setRuntime(new RuntimeSpec("registry.example/exclaim:2", "/app/function.jar",
                "com.example.Exclaim"));
        client.resource(switched).update();
        reconcile("exclaim");
        assertThat(get("exclaim").getMetadata().getFinalizers()).contains(CleanupFinalizers.PACKAGE);

        delete("exclaim");
        reconcile("exclaim");

        assertThat(pulsar.deletedPackageTopics).containsExactly(TOPIC);
        assertThat(get("exclaim")).isNull();
    }

    @Test
    void deletionWaitsWithAConditionWhilePulsarIsUnreachableAndIsRetried() {
        create(packaged("exclaim", TOPIC));
        reconcile("exclaim");
        pulsar.unreachable(true);
        delete("exclaim");

        ReconcileResult result = reconcile("exclaim");

        assertThat(result.requeueAfter()).contains(ReconcileResult.PULSAR_RETRY);
        Function terminating = get("exclaim");
        assertThat(terminating.getMetadata().getFinalizers()).contains(CleanupFinalizers.PACKAGE);
        assertThat(condition(terminating, "Cleanup").getReason()).isEqualTo("PulsarUnavailable");
        assertThat(condition(terminating, "Cleanup").getMessage()).contains("delete package topic " + TOPIC)
                .contains("Connection refused");

        pulsar.unreachable(false);
        reconcile("exclaim");
        assertThat(pulsar.deletedPackageTopics).containsExactly(TOPIC);
        assertThat(get("exclaim")).isNull();
    }

    @Test
    void theTopicIsDeletedOnlyOnceNoReplicaPodIsLeftSoNoneCanFetchItAgain() {
        create(packaged("exclaim", TOPIC));
        reconcile("exclaim");
        client.resource(new PodBuilder().withNewMetadata().withName("fn-exclaim-1").withNamespace(NAMESPACE)
                .withLabels(FunctionNames.selectorLabels("public", "default", "exclaim")).endMetadata().build()).create();
        delete("exclaim");

        ReconcileResult waiting = reconcile("exclaim");

        assertThat(waiting.requeueAfter()).contains(FunctionCleanup.PODS_RETRY);
        assertThat(pulsar.deletedPackageTopics).isEmpty();
        assertThat(condition(get("exclaim"), "Cleanup").getReason()).isEqualTo("WaitingForReplicas");

        client.pods().inNamespace(NAMESPACE).withName("fn-exclaim-1").delete();
        reconcile("exclaim");
        assertThat(pulsar.deletedPackageTopics).containsExactly(TOPIC);
        assertThat(get("exclaim")).isNull();
    }

    @Test
    void withCleanupSubscriptionTooBothGoAndBothFinalizersAreRemoved() {
        Function function = packaged("exclaim", TOPIC);
        function.getSpec().setCleanupSubscription(true);
        create(function);
        reconcile("exclaim");
        assertThat(get("exclaim").getMetadata().getFinalizers())
                .containsExactlyInAnyOrder(CleanupFinalizers.SUBSCRIPTION, CleanupFinalizers.PACKAGE);

        delete("exclaim");
        reconcile("exclaim");

        assertThat(pulsar.removedSubscriptions).containsExactly("public/default/exclaim");
        assertThat(pulsar.deletedPackageTopics).containsExactly(TOPIC);
        assertThat(get("exclaim")).isNull();
    }

    private static Function packaged(String name, String topic) {
        Function function = TestFunctions.function(name);
        function.getSpec().setRuntime(new RuntimeSpec(null, new PulsarPackage(topic, DIGEST).location(),
                "com.example.Exclaim"));
        return function;
    }

    private void create(Function function) {
        client.resource(function).create();
    }

    private void delete(String name) {
        client.resources(Function.class).inNamespace(NAMESPACE).withName(name).delete();
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
