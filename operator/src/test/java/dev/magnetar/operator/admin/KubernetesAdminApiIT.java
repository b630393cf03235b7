package dev.magnetar.operator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionMode;
import org.apache.pulsar.common.functions.FunctionConfig;
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
    void theAdminApiReadsAndWritesFunctionResources(@TempDir Path dataDir) throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        Map<String, Object> kubernetesMode = Map.of(
                "magnetar.mode", "kubernetes",
                "magnetar.kubernetes.master-url", kubernetes.getConfiguration().getMasterUrl(),
                "magnetar.kubernetes.leader.enabled", "false");
        try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), kubernetesMode)) {
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
            HttpResponse<String> stopOne = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(plane.url() + "/admin/v3/functions/public/default/exclaim/0/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stopOne.statusCode()).as("a pod of a Deployment cannot be kept stopped").isEqualTo(400);
            assertThat(stopOne.body()).contains("interchangeable");

            HttpResponse<String> deleted = admin.delete("exclaim");

            assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    kubernetes.resources(Function.class).inNamespace(namespace).withName("exclaim").get() == null);
            assertThat(admin.get("/magnetar/v1/functions/public/default/exclaim").statusCode()).isEqualTo(404);
        }
    }

    /** Pods cannot read the control plane's disk: an uploaded jar goes into Pulsar, and the resource names it there. */
    @Test
    void aJarUploadedWithPulsarAdminIsKeptInPulsarForThePods(@TempDir Path dataDir) throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        Map<String, Object> kubernetesMode = Map.of(
                "magnetar.mode", "kubernetes",
                "magnetar.kubernetes.master-url", kubernetes.getConfiguration().getMasterUrl(),
                "magnetar.kubernetes.leader.enabled", "false");
        Path jar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), kubernetesMode);
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build()) {
            String namespace = plane.context().getBean(KubernetesClient.class).getNamespace() == null ? "default"
                    : plane.context().getBean(KubernetesClient.class).getNamespace();
            FunctionConfig config = new FunctionConfig();
            config.setTenant("public");
            config.setNamespace("default");
            config.setName("uploaded");
            config.setClassName("dev.magnetar.samples.exclamation.ExclamationFunction");
            config.setInputs(List.of(pulsar.uniqueTopic("uploaded-in")));
            config.setOutput(pulsar.uniqueTopic("uploaded-out"));

            admin.functions().createFunction(config, jar.toString());

            Function resource = kubernetes.resources(Function.class).inNamespace(namespace).withName("uploaded").get();
            PulsarPackage pkg = PulsarPackage.parse(resource.getSpec().getRuntime().jar());
            assertThat(pkg.topic()).isEqualTo(PulsarPackage.topicOf("public", "default", "uploaded"));
            try (Consumer<byte[]> reader = pulsar.client().newConsumer(Schema.BYTES).topic(pkg.topic())
                    .subscriptionName("it-read").subscriptionMode(SubscriptionMode.NonDurable)
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
                Message<byte[]> message = reader.receive(30, TimeUnit.SECONDS);
                assertThat(message.getProperty(PulsarPackage.SHA256_PROPERTY)).isEqualTo(pkg.sha256());
                assertThat(message.getValue()).isEqualTo(Files.readAllBytes(jar));
            }
            assertThat(admin.functions().getFunction("public", "default", "uploaded").getClassName())
                    .isEqualTo("dev.magnetar.samples.exclamation.ExclamationFunction");
        }
    }
}
