package dev.magnetar.operator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.bridge.testing.PackageDigests;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.operator.reconciler.CleanupFinalizers;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * A jar uploaded through the admin API on Kubernetes, over a function's life: each update leaves
 * the current and the previous version in the package topic, and deleting the function deletes
 * the topic. API server: the fabric8 CRUD mock (it runs no pods); Pulsar: the embedded broker.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PackageLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLASS_NAME = "dev.magnetar.samples.exclamation.ExclamationFunction";
    KubernetesClient kubernetes;

    @Test
    void updatesKeepTwoVersionsAndDeletingTheFunctionDeletesItsPackageTopic(@TempDir Path dataDir) throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        Map<String, Object> kubernetesMode = Map.of(
                "magnetar.mode", "kubernetes",
                "magnetar.kubernetes.master-url", kubernetes.getConfiguration().getMasterUrl(),
                "magnetar.kubernetes.leader.enabled", "false");
        String topic = PulsarPackage.topicOf("public", "default", "versioned");
        try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), kubernetesMode);
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build()) {
            String namespace = plane.context().getBean(KubernetesClient.class).getNamespace() == null ? "default"
                    : plane.context().getBean(KubernetesClient.class).getNamespace();
            FunctionConfig config = config(pulsar);

            admin.functions().createFunction(config, version(dataDir, 1).toString());
            String first = digest(namespace);
            assertThat(get(namespace).getMetadata().getFinalizers()).contains(CleanupFinalizers.PACKAGE);
            admin.functions().updateFunction(config, version(dataDir, 2).toString());
            String second = digest(namespace);
            admin.functions().updateFunction(config, version(dataDir, 3).toString());
            String third = digest(namespace);

            assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
            await().atMost(WAIT).untilAsserted(() -> assertThat(PackageDigests.on(pulsar.client(), topic))
                    .as("what a pod can still fetch").containsExactly(second, third));

            admin.functions().deleteFunction("public", "default", "versioned");

            await().atMost(WAIT).until(() -> get(namespace) == null);
            assertThat(pulsar.admin().topics().getList("public/default")).doesNotContain(topic);
        }
    }

    private static FunctionConfig config(EmbeddedPulsar pulsar) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName("versioned");
        config.setClassName(CLASS_NAME);
        config.setInputs(List.of(pulsar.uniqueTopic("versioned-in")));
        config.setOutput(pulsar.uniqueTopic("versioned-out"));
        return config;
    }

    private Function get(String namespace) {
        return kubernetes.resources(Function.class).inNamespace(namespace).withName("versioned").get();
    }

    private String digest(String namespace) {
        return PulsarPackage.parse(get(namespace).getSpec().getRuntime().jar()).sha256();
    }

    /** The sample jar with one more entry naming the version: same classes, other bytes. */
    private static Path version(Path dir, int version) throws Exception {
        Path sample = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        Path jar = dir.resolve("exclamation-" + version + ".jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(sample));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("version.txt"));
            out.write(String.valueOf(version).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** Every package message the topic still stores, read from its first message as pods do. */
}
