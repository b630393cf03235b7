package dev.magnetar.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.FunctionReconciler;
import dev.magnetar.operator.resources.RuntimeAccessSecret;
import dev.magnetar.operator.resources.RuntimeEnvironment;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link KubeControlPlane} is a real one: the controller-manager turns Deployments into ReplicaSets and pods,
 * honours the scale subresource and garbage-collects what a deleted owner owned (a function's Deployment, pods and
 * replica access Secret); kwok makes the pods Ready.
 */
class KubeControlPlaneSmokeIT {
    private static final String NAMESPACE = TestFunctions.NAMESPACE;
    private static final Duration SETTLED = Duration.ofSeconds(30);

    @RegisterExtension
    static final KubeControlPlaneFixture KUBE = new KubeControlPlaneFixture(NAMESPACE);

    @Test
    void aDeploymentScaledThroughItsScaleSubresourceGetsThatManyReadyPods() {
        Map<String, String> labels = Map.of("app", "scaled");
        KUBE.client().resource(new DeploymentBuilder()
                .withNewMetadata().withName("scaled").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withNodeSelector(KubeControlPlane.NODE_SELECTOR).withTolerations(KubeControlPlane.TOLERATION)
                .addNewContainer().withName("main").withImage("registry.example/scaled:1").endContainer()
                .endSpec().endTemplate().endSpec()
                .build()).create();
        await().atMost(SETTLED).until(() -> readyPods(labels).size() == 1);

        RollableScalableResource<Deployment> deployment = KUBE.client().apps().deployments().inNamespace(NAMESPACE).withName("scaled");
        assertThat(deployment.scale().getSpec().getReplicas()).isEqualTo(1); // GET .../scale
        deployment.scale(scale(3)); // PUT .../scale

        await().atMost(SETTLED).until(() -> readyPods(labels).size() == 3
                && Integer.valueOf(3).equals(deployment.get().getStatus().getReadyReplicas()));
        assertThat(readyPods(labels)).allSatisfy(pod -> {
            assertThat(pod.getSpec().getNodeName()).as("placed by the scheduler").isEqualTo(KubeControlPlane.NODE);
            assertThat(pod.getStatus().getPodIP()).as("given by kwok").isNotBlank();
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("ReplicaSet"));
        });

        deployment.scale(scale(0));
        await().atMost(SETTLED).until(() -> pods(labels).isEmpty());
    }

    @Test
    void deletingAFunctionGarbageCollectsItsDeploymentPodsAndAccessSecret() {
        FunctionReconciler reconciler = new FunctionReconciler(KUBE.client(), TestFunctions.SETTINGS,
                TestFunctions.REPLICA_ACCESS, new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC());
        Function function = TestFunctions.function("collected");
        function.getMetadata().setUid(null);
        function.getMetadata().setGeneration(null);
        function.getSpec().setReplicas(2);
        function.getSpec().setPod(KubeControlPlane.onFakeNode(Map.of()));
        KUBE.client().resource(function).create();
        reconciler.reconcile(KUBE.client().resource(function).get());
        Deployment deployment = KUBE.client().apps().deployments().inNamespace(NAMESPACE).withName("fn-collected").get();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        await().atMost(SETTLED).until(() -> readyPods(selector).size() == 2);
        Secret access = accessSecret("collected");
        assertThat(access.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Function");
            assertThat(owner.getUid()).isEqualTo(KUBE.client().resource(function).get().getMetadata().getUid());
        });
        assertThat(access.getData()).containsOnlyKeys(RuntimeAccessSecret.TOKEN_KEY);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(env -> env.getName().equals(RuntimeEnvironment.ACCESS_TOKEN)).singleElement()
                .satisfies(env -> {
                    assertThat(env.getValue()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(access.getMetadata().getName());
                    assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(RuntimeAccessSecret.TOKEN_KEY);
                });

        KUBE.client().resource(function).delete();

        await().atMost(SETTLED).until(() -> KUBE.client().apps().deployments().inNamespace(NAMESPACE).withName("fn-collected").get() == null
                && KUBE.client().apps().replicaSets().inNamespace(NAMESPACE).withLabels(selector).list().getItems().isEmpty()
                && pods(selector).isEmpty() && accessSecret("collected") == null);
    }

    private static Secret accessSecret(String function) {
        return KUBE.client().secrets().inNamespace(NAMESPACE).withName(FunctionNames.replicaAccessSecretName(function)).get();
    }

    /** No resourceVersion: an unconditional update, as {@code kubectl scale} makes. */
    private static Scale scale(int replicas) {
        return new ScaleBuilder().withNewMetadata().withName("scaled").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build();
    }

    private static List<Pod> pods(Map<String, String> labels) {
        return KUBE.client().pods().inNamespace(NAMESPACE).withLabels(labels).list().getItems();
    }

    private static List<Pod> readyPods(Map<String, String> labels) {
        return pods(labels).stream().filter(KubeControlPlane::ready).toList();
    }
}
