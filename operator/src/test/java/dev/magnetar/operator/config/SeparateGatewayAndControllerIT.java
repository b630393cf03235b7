package dev.magnetar.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.gateway.http.GatewayConfig;
import dev.magnetar.operator.testing.TestFunctions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * The chart runs the same image twice: the controller's pods with the gateway switched off, the
 * gateway's pods with the controller switched off. Each must serve only its part, and both must
 * answer the health probes. API server: the CRUD mock; Pulsar: the embedded broker.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SeparateGatewayAndControllerIT {
    KubernetesClient kubernetes;

    @Test
    void aGatewayPodServesTheGatewayAndHealthButNoAdminApiAndNeverReconciles(@TempDir Path dataDir) throws Exception {
        try (ControlPlane gateway = start(dataDir, Map.of(ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY, "false"))) {
            String namespace = namespaceOf(gateway);
            Function function = TestFunctions.function("exclaim");
            function.getMetadata().setNamespace(namespace);
            kubernetes.resource(function).create();
            ControlPlaneClient http = new ControlPlaneClient(gateway.url());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/health/readiness").statusCode()).isEqualTo(200));
            assertThat(http.get("/health/readiness").body()).contains("functionInformer");
            assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = http.invoke("no-such-function", "hello");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("public/default/no-such-function");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(invokeWithin(gateway, "exclaim", 200).statusCode())
                    .as("known from the informer, sent to Pulsar; no replica runs, so the deadline passes").isEqualTo(504));
            assertThat(http.get("/admin/v3/functions/public/default").statusCode()).isEqualTo(404);
            assertThat(http.get("/magnetar/v1/functions/public/default").statusCode()).isEqualTo(404);
            assertThat(gateway.context().findBean(ReconcileLoopStarter.class)).isEmpty();
            assertThat(kubernetes.leases().inAnyNamespace().list().getItems()).as("no leader election").isEmpty();
            assertThat(kubernetes.resources(Function.class).inNamespace(namespace).withName("exclaim").get().getStatus())
                    .as("a gateway never writes status").isNull();
        }
    }

    @Test
    void aControllerPodServesTheAdminApiAndHealthButNoGateway(@TempDir Path dataDir) {
        try (ControlPlane controller = start(dataDir, Map.of(GatewayConfig.ENABLED_PROPERTY, "false",
                "magnetar.kubernetes.leader.enabled", "false"))) {
            ControlPlaneClient http = new ControlPlaneClient(controller.url());

            assertThat(http.get("/admin/v3/functions/public/default").statusCode()).isEqualTo(200);
            assertThat(http.invoke("exclaim", "hello").statusCode()).isEqualTo(404);
            assertThat(http.invoke("exclaim", "hello").body()).as("no such route, not the gateway's 404").contains("Page Not Found");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.get("/health/readiness").statusCode()).isEqualTo(200));
            assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    private ControlPlane start(Path dataDir, Map<String, Object> part) {
        Map<String, Object> properties = new HashMap<>(part);
        properties.put(KubernetesModeConfig.MODE_PROPERTY, KubernetesModeConfig.KUBERNETES);
        properties.put("magnetar.kubernetes.master-url", kubernetes.getConfiguration().getMasterUrl());
        properties.put("magnetar.create-namespaces", "false");
        return ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(EmbeddedPulsar.shared().serviceUrl(), EmbeddedPulsar.shared().adminUrl())), properties);
    }

    private static String namespaceOf(ControlPlane plane) {
        String namespace = plane.context().getBean(KubernetesClient.class).getNamespace();
        return namespace == null ? "default" : namespace;
    }

    private static HttpResponse<String> invokeWithin(ControlPlane plane, String name, long timeoutMs) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(plane.url() + "/function/public/default/" + name))
                .header("X-Magnetar-Timeout-Ms", Long.toString(timeoutMs))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
