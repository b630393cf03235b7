package dev.magnetar.controller.kubernetes.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.testing.EmbeddedPulsar;
import dev.magnetar.controller.ControlPlane;
import dev.magnetar.controller.ControlPlaneOptions;
import dev.magnetar.controller.testing.ControlPlaneClient;
import dev.magnetar.controller.testing.Samples;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API in Kubernetes mode, as the CLI uses it: a function created over HTTP becomes a
 * Function resource, which the reconciler turns into a Deployment; delete removes the resource.
 * API server: the fabric8 CRUD mock; Pulsar: the embedded broker.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesAdminApiIT {
    KubernetesClient kubernetes;

    @Test
    void theAdminApiReadsAndWritesFunctionResources(@TempDir Path dataDir) {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        Map<String, Object> kubernetesMode = Map.of(
                "magnetar.mode", "kubernetes",
                "magnetar.kubernetes.master-url", kubernetes.getConfiguration().getMasterUrl(),
                "magnetar.kubernetes.leader.enabled", "false");
        try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, pulsar.connection()), kubernetesMode)) {
            ControlPlaneClient admin = new ControlPlaneClient(plane.url());
            String namespace = plane.context().getBean(KubernetesClient.class).getNamespace() == null ? "default"
                    : plane.context().getBean(KubernetesClient.class).getNamespace();
            Function definition = Samples.exclamation(pulsar.uniqueTopic("k8s-admin-in"), pulsar.uniqueTopic("k8s-admin-out"), 2);

            HttpResponse<String> created = admin.create("exclaim", Serialization.asJson(definition));

            assertThat(created.statusCode()).as(created.body()).isBetween(200, 204);
            Function resource = kubernetes.resources(Function.class).inNamespace(namespace).withName("exclaim").get();
            assertThat(resource.getSpec().getReplicas()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> kubernetes.apps().deployments().inNamespace(namespace)
                    .withName("fn-exclaim").get() != null);
            HttpResponse<String> read = admin.get("/magnetar/v1/functions/public/default/exclaim");
            assertThat(read.statusCode()).as(read.body() + " for " + Serialization.asJson(resource)).isEqualTo(200);

            assertThat(admin.status("exclaim")).as("status answers 200; the mock API server runs no pods").isNotNull();

            HttpResponse<String> deleted = admin.delete("exclaim");

            assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    kubernetes.resources(Function.class).inNamespace(namespace).withName("exclaim").get() == null);
            assertThat(admin.get("/magnetar/v1/functions/public/default/exclaim").statusCode()).isEqualTo(404);
        }
    }
}
