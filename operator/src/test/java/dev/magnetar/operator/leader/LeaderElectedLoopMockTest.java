package dev.magnetar.operator.leader;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.FunctionReconciler;
import dev.magnetar.operator.reconciler.ReconcileLoop;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two controller replicas on one Lease, against the CRUD mock API server. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectedLoopMockTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEW = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(500);

    KubernetesClient client;
    LeaderElectedLoop first;
    LeaderElectedLoop second;

    @AfterEach
    void stop() {
        List.of(first, second).forEach(LeaderElectedLoop::close);
    }

    @Test
    void exactlyOneReplicaReconcilesAndTheOtherTakesOverWhenItStops() {
        first = replica("controller-0");
        second = replica("controller-1");
        first.start();
        await().atMost(LEASE.plus(RETRY).multipliedBy(2)).until(first::isLeading);
        second.start();

        client.resource(TestFunctions.function("exclaim")).create();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get() != null);
        assertThat(second.isLeading()).isFalse();

        first.close();
        assertThat(first.isLeading()).isFalse();
        await().atMost(LEASE.plus(RETRY).plus(Duration.ofSeconds(2))).until(second::isLeading);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("controller-1");
    }

    @Test
    void aLeaderThatLosesItsLeaseStopsReconciling() {
        first = replica("controller-0");
        second = replica("controller-1"); // not started: only closed
        first.start();
        await().atMost(LEASE.plus(RETRY).multipliedBy(2)).until(first::isLeading);

        // The leader renews concurrently: a 409 on the steal is retried.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            Lease stolen = lease();
            stolen.getSpec().setHolderIdentity("intruder");
            stolen.getSpec().setRenewTime(ZonedDateTime.now().plusMinutes(5));
            stolen.getSpec().setLeaseDurationSeconds(600);
            client.resource(stolen).update();
            return true;
        });

        await().atMost(RENEW.plus(RETRY).plus(Duration.ofSeconds(2))).until(() -> !first.isLeading());
    }

    private LeaderElectedLoop replica(String identity) {
        FunctionReconciler reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC());
        return new LeaderElectedLoop(client,
                () -> new ReconcileLoop(client, reconciler, List.of(), Duration.ofMinutes(10)),
                new LeaderSettings(true, "magnetar-system", "magnetar-controller", identity, LEASE, RENEW, RETRY));
    }

    private Lease lease() {
        return client.leases().inNamespace("magnetar-system").withName("magnetar-controller").get();
    }
}
