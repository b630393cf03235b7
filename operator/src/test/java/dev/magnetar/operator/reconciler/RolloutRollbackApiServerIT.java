package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.apiserver.KubeControlPlane;
import dev.magnetar.operator.apiserver.KubeControlPlaneFixture;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.resources.RuntimeSettings;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * The rollout guard against a real control plane ({@link KubeControlPlane}): kube-controller-manager rolls the
 * Deployment and declares its progress deadline exceeded, kwok plays the pods, the real {@link ReconcileLoop} and
 * {@link FunctionReconciler} do the rest. The broken version is the Function with a pod label ({@code spec.pod.labels})
 * whose pods kwok runs but never makes ready, as if their readiness probe kept failing; the rollout deadline is 10 s.
 * The previous version's pods are watched throughout ({@link RolloutObserver}): at no change the API server recorded
 * were fewer of them ready than replicas. {@link RolloutRollbackMockTest} checks the same rules with the Deployment
 * controller's part played by hand.
 */
class RolloutRollbackApiServerIT {
    private static final String NAMESPACE = TestFunctions.NAMESPACE;
    private static final String NAME = "rollout";
    private static final int REPLICAS = 2;
    private static final Duration ROLLOUT_DEADLINE = Duration.ofSeconds(10);
    private static final Duration SETTLED = Duration.ofSeconds(30);

    @RegisterExtension
    static final KubeControlPlaneFixture KUBE = new KubeControlPlaneFixture(NAMESPACE);

    @Test
    void aVersionWhosePodsNeverBecomeReadyIsRolledBackWhileThePreviousOneKeepsServing() {
        RuntimeSettings settings = new RuntimeSettings(SETTINGS.defaultImage(), SETTINGS.pulsarServiceUrl(),
                SETTINGS.httpPort(), ROLLOUT_DEADLINE);
        FunctionReconciler reconciler = new FunctionReconciler(KUBE.client(), settings, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC());
        try (ReconcileLoop loop = new ReconcileLoop(KUBE.client(), reconciler, List.of(NAMESPACE), Duration.ofMinutes(10))) {
            loop.start();
            KUBE.client().resource(function()).create();
            await().atMost(SETTLED).until(() -> rolledOut(deployment()));
            Set<String> serving = readyPods();
            assertThat(serving).hasSize(REPLICAS);

            RolloutObserver observed = RolloutObserver.start(KUBE.client(), NAMESPACE,
                    deployment().getSpec().getSelector().getMatchLabels(), serving);
            try (observed) {
                rollOutAVersionThatNeverBecomesReady();
            }

            assertThePreviousVersionKeptServing(observed, serving);
            assertRolledBackAndReported();
        }
    }

    private static void rollOutAVersionThatNeverBecomesReady() {
        Function broken = get();
        broken.getSpec().setPod(KubeControlPlane.onFakeNode(Map.of(KubeControlPlane.NEVER_READY_LABEL, "true")));
        KUBE.client().resource(broken).update();
        long updated = System.nanoTime();
        await().atMost(ROLLOUT_DEADLINE.plus(SETTLED))
                .until(() -> RolloutGuard.FAILED.equals(condition(get(), "Deployment").getReason()));
        long failed = System.nanoTime();
        await().atMost(SETTLED).until(() -> rolledOut(deployment()) && pods().size() == REPLICAS);
        System.out.printf("rollout of a never-ready version: RolloutFailed after %d ms (deadline %d s), rolled back"
                        + " and settled %d ms later%n", Duration.ofNanos(failed - updated).toMillis(),
                ROLLOUT_DEADLINE.toSeconds(), Duration.ofNanos(System.nanoTime() - failed).toMillis());
    }

    private static void assertThePreviousVersionKeptServing(RolloutObserver observed, Set<String> serving) {
        assertThat(observed.lostWatch()).as("every change was seen").isNull();
        assertThat(observed.deadlineExceeded()).as("kube-controller-manager declared ProgressDeadlineExceeded").isTrue();
        assertThat(observed.newVersionPods()).as("the new version's pods, none ever ready").isNotEmpty();
        assertThat(observed.newVersionPodsEverReady()).isFalse();
        assertThat(observed.fewestReadyPods()).as("ready pods at any change").isGreaterThanOrEqualTo(REPLICAS);
        assertThat(observed.fewestReadyReplicas()).as("the Deployment's readyReplicas at any change")
                .isGreaterThanOrEqualTo(REPLICAS);
        assertThat(observed.servingPodsThatFaltered()).as("the previous version's pods: not ready or gone").isEmpty();
        assertThat(readyPods()).as("the same pods serve").isEqualTo(serving);
    }

    private static void assertRolledBackAndReported() {
        Deployment rolledBack = deployment();
        assertThat(rolledBack.getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainKey(KubeControlPlane.NEVER_READY_LABEL);
        assertThat(rolledBack.getMetadata().getAnnotations()).containsEntry(FunctionNames.ANNOTATION_ROLLED_BACK_FROM,
                rolledBack.getMetadata().getAnnotations().get(FunctionNames.ANNOTATION_DESIRED_HASH));
        Condition condition = condition(get(), "Deployment");
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo(RolloutGuard.FAILED);
        assertThat(KUBE.client().v1().events().inNamespace(NAMESPACE).list().getItems())
                .anyMatch(event -> RolloutGuard.FAILED.equals(event.getReason())
                        && event.getMessage().contains("rolled back to revision 1"));
    }

    private static Function function() {
        Function function = TestFunctions.function(NAME);
        function.getMetadata().setUid(null);
        function.getMetadata().setGeneration(null);
        function.getSpec().setReplicas(REPLICAS);
        function.getSpec().setPod(KubeControlPlane.onFakeNode(Map.of()));
        return function;
    }

    /** The controller-manager has seen the latest template, and exactly its replicas run, all ready. */
    private static boolean rolledOut(Deployment deployment) {
        var status = deployment == null ? null : deployment.getStatus();
        return status != null && deployment.getMetadata().getGeneration().equals(status.getObservedGeneration())
                && Integer.valueOf(REPLICAS).equals(status.getUpdatedReplicas())
                && Integer.valueOf(REPLICAS).equals(status.getReadyReplicas())
                && Integer.valueOf(REPLICAS).equals(status.getReplicas());
    }

    private static Set<String> readyPods() {
        return pods().stream().filter(KubeControlPlane::ready).map(pod -> pod.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    private static List<Pod> pods() {
        return KUBE.client().pods().inNamespace(NAMESPACE)
                .withLabels(deployment().getSpec().getSelector().getMatchLabels()).list().getItems();
    }

    private static Deployment deployment() {
        return KUBE.client().apps().deployments().inNamespace(NAMESPACE).withName(FunctionNames.workloadName(NAME)).get();
    }

    private static Function get() {
        return KUBE.client().resources(Function.class).inNamespace(NAMESPACE).withName(NAME).get();
    }

    private static Condition condition(Function function, String type) {
        List<Condition> conditions = function.getStatus() == null || function.getStatus().getConditions() == null
                ? List.of() : function.getStatus().getConditions();
        return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(new Condition());
    }
}
