package dev.magnetar.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.runtime.fixtures.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class RuntimeOptionsTest {
    @TempDir
    Path dir;

    private String json() throws Exception {
        Path jar = Files.createFile(dir.resolve("fn.jar"));
        return FunctionDocuments.toJson(Definitions.define("echo", "a.B", jar, "in", "out"));
    }

    @Test
    void readsEveryOptionFromTheCommandLine() throws Exception {
        RuntimeConfig config = RuntimeOptions.parse(new String[] {"--function-json", json(), "--pulsar-url",
                "pulsar://h:6650", "--instance-id", "3", "--http-port=0", "--pulsar-auth-token", "t", "--parent-pid", "42"}, Map.of());
        assertThat(config.pulsarUrl()).isEqualTo("pulsar://h:6650");
        assertThat(config.instanceId()).isEqualTo(3);
        assertThat(config.httpPort()).isZero();
        assertThat(config.authToken()).isEqualTo("t");
        assertThat(config.toString()).contains("authToken=(hidden)").doesNotContain("=t,");
        assertThat(config.parentPid()).isEqualTo(42);
        assertThat(config.consumerName()).isEqualTo("public/default/echo-3");
        assertThat(config.resolved().inputs()).containsExactly("persistent://public/default/in");
        assertThat(config.jar()).isEqualTo(dir.resolve("fn.jar"));
    }

    @Test
    void fallsBackToEnvironmentVariablesAndTheCommandLineWins() throws Exception {
        Map<String, String> env = Map.of("MAGNETAR_FUNCTION", json(), "MAGNETAR_PULSAR_URL", "pulsar://env:6650",
                "MAGNETAR_INSTANCE_ID", "1");
        RuntimeConfig config = RuntimeOptions.parse(new String[] {"--instance-id", "2"}, env);
        assertThat(config.pulsarUrl()).isEqualTo("pulsar://env:6650");
        assertThat(config.instanceId()).isEqualTo(2);
        assertThat(config.httpPort()).isEqualTo(RuntimeOptions.DEFAULT_HTTP_PORT);
        assertThat(config.parentPid()).as("no parent watched by default").isZero();
    }

    @Test
    void resolvesARelativeJarAgainstTheFunctionFilesFolder() throws Exception {
        Files.createFile(dir.resolve("fn.jar"));
        Function function = Definitions.define("echo", "a.B", dir.resolve("fn.jar"), "in", "out");
        function.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, "fn.jar", "a.B"));
        Path file = Files.writeString(dir.resolve("function.yaml"), FunctionDocuments.toYaml(function));
        RuntimeConfig config = RuntimeOptions.parse(new String[] {"--function-file", file.toString(),
                "--pulsar-url", "pulsar://h:6650"}, Map.of());
        assertThat(config.jar()).isEqualTo(dir.resolve("fn.jar"));
    }

    @Test
    void anInstanceNameNamesTheConsumerAndIsChecked() throws Exception {
        String json = json();
        RuntimeConfig pod = RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p"},
                Map.of("MAGNETAR_INSTANCE_NAME", "fn-echo-7d9f8-x2x4q"));
        assertThat(pod.instanceId()).isZero();
        assertThat(pod.consumerName()).isEqualTo("public/default/echo-fn-echo-7d9f8-x2x4q");
        assertThat(RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p", "--instance-id", "4"},
                Map.of()).instanceName()).isEqualTo("4");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p",
                "--instance-name", "a b"}, Map.of())).hasMessageContaining("--instance-name 'a b'");
    }

    @Test
    void thePackageDigestIsReadInEitherCaseAndCheckedForItsForm() throws Exception {
        String json = json();
        String sha256 = "AB".repeat(32);

        assertThat(RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p"},
                Map.of("MAGNETAR_PACKAGE_SHA256", sha256)).packageSha256()).isEqualTo("ab".repeat(32));
        assertThat(RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p"}, Map.of())
                .packageSha256()).as("nothing to check against").isNull();
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p",
                "--package-sha256", "abc"}, Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--package-sha256 is 'abc'").hasMessageContaining("64 hex digits");
    }

    @Test
    void namesWhatIsMissing() {
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[0], Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--function-file")
                .hasMessageContaining("MAGNETAR_FUNCTION");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", json()}, Map.of()))
                .hasMessageContaining("--pulsar-url is required");
    }

    @Test
    void rejectsBadValuesNamingTheOption() throws Exception {
        String json = json();
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p",
                "--http-port", "70000"}, Map.of())).hasMessageContaining("--http-port is '70000'");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p",
                "--instance-id", "x"}, Map.of())).hasMessageContaining("--instance-id is 'x'");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--bogus", "1"}, Map.of()))
                .hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--pulsar-url"}, Map.of()))
                .hasMessageContaining("--pulsar-url needs a value");
    }

    @Test
    void rejectsAnInvalidOrUnreadableDefinition() throws Exception {
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", "{\"spec\": {\"x\": 1}}",
                "--pulsar-url", "p"}, Map.of())).hasMessageContaining("--function-json: spec.x");
        Function noJar = Definitions.define("echo", "a.B", dir.resolve("missing.jar"), "in", "out");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", FunctionDocuments.toJson(noJar),
                "--pulsar-url", "p"}, Map.of())).hasMessageContaining("spec.runtime.jar").hasMessageContaining("missing.jar");
        Function invalid = Definitions.define("Bad_Name", "a.B", dir.resolve("x.jar"), "in", "in");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", FunctionDocuments.toJson(invalid),
                "--pulsar-url", "p"}, Map.of())).hasMessageContaining("metadata.name").hasMessageContaining("spec.output");
    }

    @Test
    void rejectsEffectivelyOnce() throws Exception {
        Files.createFile(dir.resolve("fn.jar"));
        Function function = Definitions.define("echo", "a.B", dir.resolve("fn.jar"), "in", "out");
        function.getSpec().setProcessingGuarantee(ProcessingGuarantee.EFFECTIVELY_ONCE);
        function.getSpec().setSubscription(new SubscriptionSpec(null, SubscriptionType.Failover, null));
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", FunctionDocuments.toJson(function),
                "--pulsar-url", "p"}, Map.of())).hasMessageContaining("spec.processingGuarantee").hasMessageContaining("EFFECTIVELY_ONCE is not supported");
    }

    @Test
    void theAdminUrlIsOptionalAndMustBeHttp() throws Exception {
        Files.createFile(dir.resolve("fn.jar"));
        String json = FunctionDocuments.toJson(Definitions.define("echo", "a.B", dir.resolve("fn.jar"), "in", "out"));
        assertThat(RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p"}, Map.of())
                .pulsarAdminUrl()).isNull();
        assertThat(RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p"},
                Map.of("MAGNETAR_PULSAR_ADMIN_URL", "https://broker:8443")).pulsarAdminUrl())
                .isEqualTo("https://broker:8443");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url", "p",
                "--pulsar-admin-url", "pulsar://broker:6650"}, Map.of()))
                .hasMessageContaining("--pulsar-admin-url (MAGNETAR_PULSAR_ADMIN_URL) is 'pulsar://broker:6650'");
    }

    @Test
    void readsTheStateStorageUrlOrWhyThereIsNone() throws Exception {
        String json = json();
        RuntimeConfig config = RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url",
                "pulsar://h:6650"}, Map.of("MAGNETAR_STATE_STORAGE_URL", "bk://bookie:4181"));
        assertThat(config.stateStorage().serviceUrl()).isEqualTo("bk://bookie:4181");
        RuntimeConfig none = RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url",
                "pulsar://h:6650", "--state-storage-unavailable", "no table service here"}, Map.of());
        assertThat(none.stateStorage().available()).isFalse();
        assertThat(none.stateStorage().unavailableMessage("x")).contains("no table service here");
        assertThatThrownBy(() -> RuntimeOptions.parse(new String[] {"--function-json", json, "--pulsar-url",
                "pulsar://h:6650", "--state-storage-url", "bookie:4181"}, Map.of()))
                .hasMessageContaining("--state-storage-url is 'bookie:4181'").hasMessageContaining("bk://host:port");
    }
}
