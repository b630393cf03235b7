package dev.magnetar.operator.autoscale;

import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.protocol.ReplicaStatusReader;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ScaleEvent;
import dev.magnetar.operator.apiserver.KubeApiTestServer;
import dev.magnetar.operator.apiserver.KubeBinaries;
import dev.magnetar.operator.apiserver.KubeControlPlane;
import dev.magnetar.operator.apiserver.KubeControlPlaneFixture;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.FunctionEvents;
import dev.magnetar.operator.reconciler.FunctionReconciler;
import dev.magnetar.operator.reconciler.PartOutcome;
import dev.magnetar.operator.reconciler.ReconcileLoop;
import dev.magnetar.operator.resources.keda.KedaSettings;
import dev.magnetar.operator.resources.keda.ScaledObject;
import dev.magnetar.operator.testing.FakeLoadObserver;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Magnetar's autoscaler against a real control plane ({@link KubeControlPlane}: kube-apiserver, kube-controller-manager,
 * kube-scheduler, kwok). Only the backlog is made up ({@link FakeLoadObserver}: kwok's pods run nothing, so each is
 * asked for its work in progress and gives no report); the decisions,
 * the writes through the Function's scale subresource, the reconciler sizing the Deployment, and the ReplicaSet's pods
 * coming and going are real. Then KEDA's ScaledObject CRD (taken from KEDA's Go module) is installed and the
 * ScaledObject the reconciler makes is accepted by the API server.
 */
class AutoscalerApiServerIT {
    private static final String NAMESPACE = TestFunctions.NAMESPACE;
    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final Duration TICK = Duration.ofMillis(500);

    @RegisterExtension
    static final KubeControlPlaneFixture KUBE = new KubeControlPlaneFixture(NAMESPACE);

    @Test
    void aBacklogScalesThePodsUpThenIdleToZeroAndAMessageBackToOne() {
        KubernetesClient client = KUBE.client();
        FakeLoadObserver loads = new FakeLoadObserver();
        // kwok's pods run nothing: each ready one is asked at its IP and gives no report, which must not hold a count.
        ReplicaWorkObserver observed = new ReplicaWorkObserver(loads, client, TestFunctions.REPLICA_ACCESS,
                SETTINGS.httpPort(), new ReplicaStatusReader(TICK.dividedBy(2)));
        FunctionReconciler reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC());
        try (ReconcileLoop reconcile = new ReconcileLoop(client, reconciler, List.of(NAMESPACE), Duration.ofMinutes(10));
             AutoscalerLoop autoscaler = new AutoscalerLoop(reconcile::functions, observed,
                     new FunctionScaler(client, new FunctionEvents(client, Clock.systemUTC())), new SimpleMeterRegistry(),
                     Clock.systemUTC(), TICK)) {
            reconcile.start();
            autoscaler.start();
            client.resource(autoscaled("scaled", new AutoscalingSpec(0, 3, 10L, null, null, 3, 0, 0, null))).create();
            awaitReadyPods("scaled", 1);

            long up = System.nanoTime();
            loads.backlog(NAMESPACE, "scaled", 25L);
            awaitReadyPods("scaled", 3);
            long scaledUp = System.nanoTime();
            assertThat(client.resources(Function.class).inNamespace(NAMESPACE).withName("scaled").scale().getSpec()
                    .getReplicas()).as("the scale subresource, as kubectl scale reads it").isEqualTo(3);
            assertThat(lastScale("scaled").reason()).contains("backlog 25");
            Function scaled = get("scaled");
            assertThat(observed.observe(List.of(new AutoscaledFunction(scaled, ResolvedFunction.of(scaled),
                    ScalingPolicy.of(scaled).orElseThrow(), 3))).get(NAMESPACE + "/scaled").unheard())
                    .as("the Deployment's 3 ready pods, each asked").isEqualTo(3);

            loads.backlog(NAMESPACE, "scaled", 0L);
            awaitReadyPods("scaled", 0);
            long idle = System.nanoTime();
            assertThat(lastScale("scaled").reason()).contains("scaling to zero");
            assertThat(replicaSet("scaled").getSpec().getReplicas()).isZero();
            assertThat(get("scaled").getStatus().getDesiredReplicas()).isZero();

            loads.backlog(NAMESPACE, "scaled", 1L);
            awaitReadyPods("scaled", 1);
            assertThat(lastScale("scaled").reason()).startsWith("woken from zero");
            System.out.printf("autoscaler on a real control plane: 1 -> 3 ready pods in %d ms; 3 -> 0 in %d ms (3 s idle"
                            + " time); 0 -> 1 ready pod in %d ms (tick %d ms)%n", millis(up, scaledUp),
                    millis(scaledUp, idle), millis(idle, System.nanoTime()), TICK.toMillis());
        }
    }

    @Test
    void kedasScaledObjectIsAcceptedByTheApiServerOnceKedaIsInstalled() throws IOException {
        assumeTrue(KubeBinaries.missingKedaCrd().isEmpty(), () -> KubeBinaries.missingKedaCrd().orElse(""));
        KubernetesClient client = KUBE.client();
        FunctionReconciler reconciler = new FunctionReconciler(client, SETTINGS, new KedaSettings(
                "http://pulsar-broker.pulsar.svc:8080", "pulsar-admin", KedaSettings.CLUSTER_TRIGGER_AUTHENTICATION,
                "bearer"), TestFunctions.REPLICA_ACCESS, new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC());
        client.resource(autoscaled("keda", new AutoscalingSpec(0, 4, 50L, null, 70, 120, 0, 30, "keda"))).create();

        reconciler.reconcile(get("keda"));
        assertThat(condition(get("keda"), PartOutcome.AUTOSCALER).getReason()).as("before KEDA is installed")
                .isEqualTo("KedaNotInstalled");
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName(FunctionNames.workloadName("keda")).get())
                .as("the function runs all the same").isNotNull();

        KubeApiTestServer.installKedaScaledObjectCrd(client);
        reconciler.reconcile(get("keda"));

        ScaledObject accepted = client.resources(ScaledObject.class).inNamespace(NAMESPACE)
                .withName(FunctionNames.workloadName("keda")).get();
        assertThat(accepted.getMetadata().getUid()).isNotNull();
        assertThat(accepted.getSpec().minReplicaCount()).isZero();
        assertThat(accepted.getSpec().triggers()).extracting(trigger -> trigger.type()).containsExactly("pulsar", "cpu");
        assertThat(accepted.getSpec().triggers().get(0).metadata()).containsEntry("msgBacklogThreshold", "50");
        assertThat(accepted.getSpec().advanced().horizontalPodAutoscalerConfig().behavior().getScaleDown()
                .getStabilizationWindowSeconds()).isEqualTo(30);
        Condition autoscaler = condition(get("keda"), PartOutcome.AUTOSCALER);
        assertThat(autoscaler.getStatus()).isEqualTo("True");
        assertThat(autoscaler.getReason()).isEqualTo("KedaScaledObject");

        Function magnetar = get("keda");
        magnetar.getSpec().setAutoscaling(new AutoscalingSpec(0, 4, 50L, null, null, null, null, null, "magnetar"));
        client.resource(magnetar).update();
        reconciler.reconcile(get("keda"));
        assertThat(client.resources(ScaledObject.class).inNamespace(NAMESPACE)
                .withName(FunctionNames.workloadName("keda")).get()).as("gone with the engine").isNull();
    }

    private static Function autoscaled(String name, AutoscalingSpec autoscaling) {
        Function function = TestFunctions.function(name);
        function.getMetadata().setUid(null);
        function.getMetadata().setGeneration(null);
        function.getSpec().setAutoscaling(autoscaling);
        function.getSpec().setPod(KubeControlPlane.onFakeNode(Map.of()));
        return function;
    }

    /** Exactly {@code count} pods of the function, all ready (none on its way out). */
    private static void awaitReadyPods(String name, int count) {
        await().atMost(SETTLED).pollInterval(Duration.ofMillis(100)).until(() -> {
            var pods = KUBE.client().pods().inNamespace(NAMESPACE)
                    .withLabel(FunctionNames.LABEL_NAME, name).list().getItems();
            return pods.size() == count && pods.stream().allMatch(KubeControlPlane::ready);
        });
    }

    private static ReplicaSet replicaSet(String name) {
        return KUBE.client().apps().replicaSets().inNamespace(NAMESPACE).withLabel(FunctionNames.LABEL_NAME, name).list()
                .getItems().stream().findFirst().orElseThrow();
    }

    private static ScaleEvent lastScale(String name) {
        return get(name).getStatus().getLastScale();
    }

    private static Function get(String name) {
        return KUBE.client().resources(Function.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private static Condition condition(Function function, String type) {
        return function.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + function.getStatus().getConditions()));
    }

    private static long millis(long from, long to) {
        return Duration.ofNanos(to - from).toMillis();
    }
}
