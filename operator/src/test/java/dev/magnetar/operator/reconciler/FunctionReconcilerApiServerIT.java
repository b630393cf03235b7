package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.apiserver.KubeApiTestServer;
import dev.magnetar.operator.leader.LeaderElectedLoop;
import dev.magnetar.operator.leader.LeaderSettings;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against a real kube-apiserver ({@link KubeApiTestServer}: fabric8 kube-api-test, offline,
 * binaries built from the Go module proxy when missing). What the
 * CRUD mock cannot show: the status subresource, server-side defaulting of Deployments and Services
 * (a resync must still write nothing: every resourceVersion stays the same), ownerReferences
 * accepted by a real server, and Lease-based leader election between two controller replicas.
 */
class FunctionReconcilerApiServerIT {
    private static final String NAMESPACE = TestFunctions.NAMESPACE;
    private static KubeApiTestServer apiServer;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        Optional<String> missing = KubeApiTestServer.missingBinaries();
        assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
        apiServer = KubeApiTestServer.start();
        client = apiServer.newClient();
        KubeApiTestServer.installFunctionCrd(client);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (apiServer != null) {
            apiServer.close();
        }
    }

    @Test
    void reconcilesIntoServerDefaultedChildrenAndAResyncWritesNothing() {
        FunctionReconciler reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC());
        Function function = TestFunctions.function("exclaim");
        function.getMetadata().setUid(null);
        function.getMetadata().setGeneration(null);
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, 100L, null, null, null, null, null, null));
        function.getSpec().setCleanupSubscription(true);
        client.resource(function).create();

        reconciler.reconcile(get());
        reconciler.reconcile(get());

        Function reconciled = get();
        assertThat(reconciled.getStatus().getObservedGeneration()).isEqualTo(reconciled.getMetadata().getGeneration());
        assertThat(reconciled.getStatus().getConditions()).extracting(c -> c.getType())
                .contains("Topics", "Deployment", "Service", "Autoscaler", "Ready");
        Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get();
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(reconciled.getMetadata().getUid()));
        assertThat(deployment.getSpec().getStrategy()).as("defaulted by the server").isNotNull();
        List<String> before = versions();

        reconciler.reconcile(get());
        reconciler.reconcile(get());

        assertThat(versions()).as("resourceVersions of Function, Deployment, Service, HPA, access Secret").isEqualTo(before);
    }

    @Test
    void whenTheLeaderDiesTheOtherReplicaTakesOverWithinLeaseDurationPlusRetryPeriod() {
        Duration lease = Duration.ofSeconds(4);
        Duration retry = Duration.ofMillis(500);
        KubernetesClient firstClient = newClient();
        KubernetesClient secondClient = newClient();
        LeaderElectedLoop first = replica(firstClient, "controller-0", lease, retry);
        LeaderElectedLoop second = replica(secondClient, "controller-1", lease, retry);
        try {
            first.start();
            await().atMost(Duration.ofSeconds(10)).until(first::isLeading);
            second.start();
            client.resource(TestFunctions.function("leader")).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> deployment("fn-leader") != null);
            assertThat(second.isLeading()).isFalse();

            long killed = System.nanoTime();
            // "Dies": can neither renew nor release the lease. A closed client never calls back, so whether the dead
            // replica stopped is not observable here; LeaderElectedLoopMockTest checks that a live leader losing its
            // lease stops at once.
            firstClient.close();

            // The takeover is due after lease duration + retry period (about 4.5 s here); the bound adds slack for a
            // loaded 2-core CI machine, and the measured time is printed for the record.
            await().atMost(lease.plus(retry).plus(Duration.ofSeconds(10))).until(second::isLeading);
            System.out.printf("leader takeover after %d ms (lease %d ms + retry %d ms)%n",
                    Duration.ofNanos(System.nanoTime() - killed).toMillis(), lease.toMillis(), retry.toMillis());
            // The new leader reconciles: a Deployment deleted by hand comes back.
            client.apps().deployments().inNamespace(NAMESPACE).withName("fn-leader").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> deployment("fn-leader") != null
                    && deployment("fn-leader").getMetadata().getDeletionTimestamp() == null);
        } finally {
            first.close();
            second.close();
            secondClient.close();
        }
    }

    private static LeaderElectedLoop replica(KubernetesClient replicaClient, String identity, Duration lease, Duration retry) {
        FunctionReconciler reconciler = new FunctionReconciler(replicaClient, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC());
        return new LeaderElectedLoop(replicaClient,
                () -> new ReconcileLoop(replicaClient, reconciler, List.of(NAMESPACE), Duration.ofMinutes(10)),
                new LeaderSettings(true, NAMESPACE, "magnetar-controller", identity, lease, Duration.ofSeconds(3), retry));
    }

    private static KubernetesClient newClient() {
        return apiServer.newClient();
    }

    private static Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    private static List<String> versions() {
        return List.of(get().getMetadata().getResourceVersion(),
                client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get().getMetadata().getResourceVersion(),
                client.services().inNamespace(NAMESPACE).withName("fn-exclaim").get().getMetadata().getResourceVersion(),
                client.secrets().inNamespace(NAMESPACE).withName("fn-exclaim-access").get().getMetadata().getResourceVersion());
    }

    private static Function get() {
        return client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
    }
}
