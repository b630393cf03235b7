package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.PulsarAdminCli;
import dev.magnetar.controlplane.testing.PulsarAdminCli.Result;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: Apache Pulsar's real {@code pulsar-admin} command line, as released on Maven Central and run as its
 * own process, drives one function's life on the control plane with the embedded broker and real replica JVMs:
 * {@code functions create} with a jar, {@code get}, {@code list}, {@code status}, {@code stats}, {@code trigger},
 * {@code update}, {@code download}, {@code upload}, {@code delete}; {@code packages upload} of a {@code function://}
 * package that {@code functions create --jar} then runs; and settings Magnetar cannot honour are refused naming the
 * field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PulsarAdminCliIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String NAME = "cli-exclaim";
    private static final String CLASS_NAME = "dev.magnetar.samples.exclamation.ExclamationFunction";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path cliDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    PulsarAdmin admin;
    PulsarAdminCli cli;
    Path sampleJar;
    String input;
    String output;

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Map.of(StateStorageSettings.URL_PROPERTY, pulsar.stateStorageUrl()));
        admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build();
        cli = PulsarAdminCli.against(plane.url(), pulsar.serviceUrl(), cliDir);
        sampleJar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        input = pulsar.uniqueTopic("cli-in");
        output = pulsar.uniqueTopic("cli-out");
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

    private Result ok(String... args) throws Exception {
        Result result = cli.run(args);
        assertThat(result.exitCode()).as("pulsar-admin %s printed:%n%s", String.join(" ", args), result.all()).isZero();
        return result;
    }

    private String[] function(String name, String... more) {
        String[] named = {"--tenant", "public", "--namespace", "default", "--name", name};
        String[] all = new String[named.length + more.length];
        System.arraycopy(named, 0, all, 0, named.length);
        System.arraycopy(more, 0, all, named.length, more.length);
        return all;
    }

    private String[] command(String verb, String name, String... more) {
        String[] args = function(name, more);
        String[] all = new String[args.length + 2];
        all[0] = "functions";
        all[1] = verb;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    @Test
    @Order(1)
    void createWithAJarThenGetAndList() throws Exception {
        Result created = ok(command("create", NAME, "--jar", sampleJar.toString(), "--classname", CLASS_NAME,
                "--inputs", input, "--output", output, "--parallelism", "1", "--user-config", "{\"greeting\":\"hi\"}"));
        assertThat(created.out()).contains("Created successfully");

        FunctionConfig got = PulsarJson.readConfig(ok(command("get", NAME)).out());
        assertThat(got.getClassName()).isEqualTo(CLASS_NAME);
        assertThat(got.getInputs()).containsExactly(input);
        assertThat(got.getOutput()).isEqualTo(output);
        assertThat(got.getUserConfig()).containsEntry("greeting", "hi");
        assertThat(got.getJar()).startsWith(dataDir.resolve("packages/public/default/" + NAME).toString());

        assertThat(ok("functions", "list", "--tenant", "public", "--namespace", "default").out().lines())
                .containsExactly(NAME);
    }

    @Test
    @Order(2)
    void statusTriggerAndStats() throws Exception {
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus("public", "default", NAME)
                .getNumRunning() == 1);
        assertThat(ok(command("status", NAME)).out()).containsPattern("\"numRunning\"\\s*:\\s*1");

        assertThat(ok(command("trigger", NAME, "--trigger-value", "hello")).out().trim()).isEqualTo("hello!");
        assertThat(ok(command("trigger", NAME, "--topic", input, "--trigger-value", "again")).out().trim())
                .isEqualTo("again!");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(command("stats", NAME)).out())
                .containsPattern("\"receivedTotal\"\\s*:\\s*2"));
    }

    @Test
    @Order(3)
    void updateChangesWhatItSets() throws Exception {
        Result updated = ok(command("update", NAME, "--parallelism", "2"));
        assertThat(updated.out()).contains("Updated successfully");
        FunctionConfig got = PulsarJson.readConfig(ok(command("get", NAME)).out());
        assertThat(got.getParallelism()).isEqualTo(2);
        assertThat(got.getClassName()).isEqualTo(CLASS_NAME);
        assertThat(got.getInputs()).containsExactly(input);
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus("public", "default", NAME)
                .getNumRunning() == 2);

        Result withJar = ok(command("update", NAME, "--jar", sampleJar.toString(), "--user-config",
                "{\"greeting\":\"hey\"}"));
        assertThat(withJar.out()).contains("Updated successfully");
        assertThat(PulsarJson.readConfig(ok(command("get", NAME)).out()).getUserConfig()).containsEntry("greeting", "hey");
    }

    @Test
    @Order(4)
    void putstateThenQuerystateReadsTheValueBack() throws Exception {
        ok(command("putstate", NAME, "--state", "{\"key\":\"greeting\",\"stringValue\":\"hello\"}"));
        String shown = ok(command("querystate", NAME, "--key", "greeting")).out();
        assertThat(shown).contains("\"key\": \"greeting\"").contains("\"stringValue\": \"hello\"");

        Result missing = cli.run(command("querystate", NAME, "--key", "never-set"));
        assertThat(missing.exitCode()).as(missing.all()).isNotZero();
        assertThat(missing.all()).contains("never-set");
    }

    @Test
    @Order(5)
    void downloadTheFunctionsJarAndUploadAndDownloadByPath() throws Exception {
        Path jar = cliDir.resolve("downloaded.jar");
        ok(command("download", NAME, "--destination-file", jar.toString()));
        assertThat(jar).hasSameBinaryContentAs(sampleJar);

        assertThat(ok("functions", "upload", "--source-file", sampleJar.toString(), "--path",
                "public/default/kept/exclamation.jar").out()).contains("Uploaded successfully");
        Path byPath = cliDir.resolve("by-path.jar");
        assertThat(ok("functions", "download", "--path", "public/default/kept/exclamation.jar", "--destination-file",
                byPath.toString()).out()).contains("Downloaded successfully");
        assertThat(byPath).hasSameBinaryContentAs(sampleJar);
    }

    @Test
    @Order(6)
    void deleteRemovesTheFunction() throws Exception {
        assertThat(ok(command("delete", NAME)).out()).contains("Deleted successfully");
        assertThat(ok("functions", "list", "--tenant", "public", "--namespace", "default").out()).doesNotContain(NAME);
        Result missing = cli.run(command("get", NAME));
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.all()).contains("does not exist");
    }

    @Test
    @Order(7)
    void effectivelyOnceIsRefusedNamingTheField() throws Exception {
        Result refused = cli.run(command("create", "cli-once", "--jar", sampleJar.toString(), "--classname",
                CLASS_NAME, "--inputs", input, "--output", output, "--processing-guarantees", "EFFECTIVELY_ONCE"));
        assertThat(refused.exitCode()).as(refused.all()).isNotZero();
        assertThat(refused.all()).contains("processingGuarantees", "EFFECTIVELY_ONCE");
        assertThat(admin.functions().getFunctions("public", "default")).doesNotContain("cli-once");
    }

    @Test
    @Order(8)
    void workerSettingsMagnetarHasNoKnobForAreRefusedNamingTheField() throws Exception {
        Result refused = cli.run(command("create", "cli-flags", "--jar", sampleJar.toString(), "--classname",
                CLASS_NAME, "--inputs", input, "--runtime-flags=-Xmx2g", "--batch-builder", "KEY_BASED"));
        assertThat(refused.exitCode()).as(refused.all()).isNotZero();
        assertThat(refused.all()).contains("runtimeFlags: is '-Xmx2g'", "batchBuilder: is 'KEY_BASED'");
        assertThat(admin.functions().getFunctions("public", "default")).doesNotContain("cli-flags");
    }

    @Test
    @Order(9)
    void aPackageUploadedWithPackagesUploadRunsAsAFunction() throws Exception {
        String pkg = "function://public/default/cli-exclamation@v1";
        assertThat(ok("packages", "upload", pkg, "--path", sampleJar.toString(), "--description", "exclamation").out())
                .contains("successfully");
        assertThat(ok(command("create", "cli-pkg", "--jar", pkg, "--classname", CLASS_NAME, "--inputs",
                pulsar.uniqueTopic("cli-pkg-in"), "--output", pulsar.uniqueTopic("cli-pkg-out"))).out())
                .contains("Created successfully");

        await().atMost(READY).until(() -> admin.functions().getFunctionStatus("public", "default", "cli-pkg")
                .getNumRunning() == 1);
        assertThat(admin.functions().triggerFunction("public", "default", "cli-pkg", null, "packed", null))
                .isEqualTo("packed!");
        admin.functions().deleteFunction("public", "default", "cli-pkg");
    }
}
