package dev.magnetar.controlplane.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar the control plane keeps: an upload over {@code magnetar.admin.max-package-size} is refused with 413 and
 * nothing of it is kept; a kept jar changed after it was accepted is not loaded by any replica, and the
 * function's status says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredPackageIT {
    private static final String CLASS_NAME = "dev.magnetar.samples.exclamation.ExclamationFunction";
    private static final Path SAMPLE = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path jars;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    PulsarAdmin admin;
    ControlPlaneClient client;

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(),
                pulsar.adminUrl())), Map.of(AdminConfig.MAX_PACKAGE_SIZE, "64KB"));
        admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build();
        client = new ControlPlaneClient(plane.url());
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void anUploadOverTheLimitIs413NamingTheLimitAndTheSettingAndNothingIsKept() throws Exception {
        Path big = Files.write(jars.resolve("big.jar"), new byte[65 * 1024]);

        PulsarAdminException refused = catchThrowableOfType(PulsarAdminException.class,
                () -> admin.functions().createFunction(config("big"), big.toString()));

        assertThat(refused.getStatusCode()).as(refused.getMessage()).isEqualTo(413);
        assertThat(refused.getMessage()).contains("64 KB", AdminConfig.MAX_PACKAGE_SIZE);
        assertThat(admin.functions().getFunctions("public", "default")).doesNotContain("big");
        assertThat(dataDir.resolve("packages/public/default/big")).as("nothing of the upload").satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void aKeptJarChangedAfterItWasAcceptedIsNotLoadedAndTheStatusSaysWhy() throws Exception {
        admin.functions().createFunction(config("tampered"), SAMPLE.toString());
        String accepted = sha256(SAMPLE);
        assertThat(client.status("tampered").path("packageSha256").asText()).isEqualTo(accepted);
        await().atMost(Duration.ofSeconds(90)).until(() -> client.readyInstances("tampered") == 1);

        Path kept = Path.of(admin.functions().getFunction("public", "default", "tampered").getJar());
        Files.write(kept, "other code".getBytes(), StandardOpenOption.APPEND);
        admin.functions().stopFunction("public", "default", "tampered", 0);
        admin.functions().startFunction("public", "default", "tampered", 0);

        await("the replica to refuse the changed jar").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode instance = client.status("tampered").get("instances").get(0);
            assertThat(instance.path("ready").asBoolean()).isFalse();
            assertThat(instance.path("lastError").asText()).contains(kept.toString(), "accepted with " + accepted,
                    "has SHA-256 " + sha256(kept));
        });
        assertThat(client.status("tampered").path("numRunning").asInt()).isZero();
    }

    private static FunctionConfig config(String name) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName(name);
        config.setClassName(CLASS_NAME);
        config.setRuntime(FunctionConfig.Runtime.JAVA);
        config.setInputs(List.of(EmbeddedPulsar.shared().uniqueTopic(name + "-in")));
        config.setParallelism(1);
        return config;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
