package dev.magnetar.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Micronaut wiring of Kubernetes mode end to end against the CRUD mock API server. Pulsar is
 * deliberately unreachable: the loop must report that on the Function instead of creating replicas.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesModeMockTest {
    KubernetesClient client;

    @Test
    void kubernetesModeReconcilesFunctionsFromTheApiServer() {
        client.resource(TestFunctions.function("exclaim")).create();
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.kubernetes.leader.identity", "controller-0",
                "magnetar.kubernetes.leader.lease-namespace", "magnetar-system",
                KubernetesModeConfig.MODE_PROPERTY, KubernetesModeConfig.KUBERNETES,
                "magnetar.kubernetes.master-url", client.getConfiguration().getMasterUrl(),
                "magnetar.create-namespaces", "false",
                "magnetar.pulsar.admin-url", "http://127.0.0.1:1"))) {
            assertThat(context.getBean(KubernetesClient.class).getConfiguration().getMasterUrl())
                    .isEqualTo(client.getConfiguration().getMasterUrl());

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Function function = client.resources(Function.class).inNamespace(TestFunctions.NAMESPACE)
                        .withName("exclaim").get();
                assertThat(function.getStatus()).isNotNull();
                assertThat(function.getStatus().getConditions())
                        .anySatisfy(c -> {
                            assertThat(c.getType()).isEqualTo("Topics");
                            assertThat(c.getReason()).isEqualTo("PulsarUnavailable");
                        });
            });
            assertThat(client.apps().deployments().inNamespace(TestFunctions.NAMESPACE).list().getItems()).isEmpty();
            assertThat(client.leases().inNamespace("magnetar-system").withName("magnetar-controller").get()
                    .getSpec().getHolderIdentity()).isEqualTo("controller-0");
        }
    }
}
