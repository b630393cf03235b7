package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReconcileLoopMockTest {
    KubernetesClient client;
    FakeTopicProvisioner pulsar = new FakeTopicProvisioner();
    ReconcileLoop loop;

    @BeforeEach
    void start() {
        FunctionReconciler reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(pulsar), Clock.systemUTC());
        loop = new ReconcileLoop(client, reconciler, List.of(), Duration.ofMinutes(10));
        loop.start();
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void aCreatedFunctionGetsItsChildrenAndStatus() {
        client.resource(TestFunctions.function("exclaim")).create();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(deployment()).isNotNull();
            Function function = client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
            assertThat(function.getStatus()).isNotNull();
            assertThat(function.getStatus().getObservedGeneration()).isEqualTo(function.getMetadata().getGeneration());
        });
    }

    @Test
    void aDeploymentDeletedByHandComesBack() {
        client.resource(TestFunctions.function("exclaim")).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment() != null);
        String firstUid = deployment().getMetadata().getUid();

        client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> deployment() != null
                && !deployment().getMetadata().getUid().equals(firstUid));
    }

    @Test
    void aSpecChangeReachesTheDeployment() {
        client.resource(TestFunctions.function("exclaim")).create();
        // Until the status is written too: an update racing the reconciler's status write would meet a 409.
        await().atMost(Duration.ofSeconds(10)).until(() -> deployment() != null && client.resources(Function.class)
                .inNamespace(NAMESPACE).withName("exclaim").get().getStatus() != null);

        Function function = client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
        function.getSpec().setReplicas(3);
        client.resource(function).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> deployment().getSpec().getReplicas() == 3);
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get();
    }
}
