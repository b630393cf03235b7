package dev.magnetar.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.launch.RuntimeAssignment;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.runtime.fixtures.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM of the warm pool starts with the generic options only and reads its function's from the assignment, which
 * stands in for the environment it would have been started with.
 */
class AssignmentOptionsTest {
    private static final String[] POOLED = {"--assignment", "stdin", "--pulsar-url", "pulsar://h:6650",
            "--http-port", "0", "--parent-pid", "42"};

    @TempDir
    Path dir;

    private Path functionFile() throws Exception {
        Path jar = Files.createFile(dir.resolve("fn.jar"));
        return Files.writeString(dir.resolve("function.yaml"),
                FunctionDocuments.toYaml(Definitions.define("echo", "a.B", jar, "in", "out")));
    }

    @Test
    void aPooledJvmKnowsWhereTheBrokerIsAndWhomToOutliveBeforeItHasAFunction() {
        assertThat(RuntimeOptions.waitsForAssignment(POOLED, Map.of())).isTrue();
        assertThat(RuntimeOptions.waitsForAssignment(new String[] {"--pulsar-url", "p"}, Map.of())).isFalse();

        PooledConfig pooled = RuntimeOptions.parsePooled(POOLED, Map.of());

        assertThat(pooled).isEqualTo(new PooledConfig("pulsar://h:6650", PulsarTrust.DEFAULT, 42));
    }

    @Test
    void theAssignmentGivesTheFunctionAndItsSecretsAndWinsOverTheEnvironment() throws Exception {
        RuntimeAssignment assignment = new RuntimeAssignment(Map.of("MAGNETAR_FUNCTION_FILE", functionFile().toString(),
                "MAGNETAR_INSTANCE_ID", "3", "MAGNETAR_PULSAR_AUTH_TOKEN", "function-token",
                "MAGNETAR_HTTP_ACCESS_TOKEN", "access"));

        RuntimeConfig config = RuntimeOptions.parse(POOLED, Map.of("MAGNETAR_INSTANCE_ID", "9"), assignment);

        assertThat(config.resolved().fqfn()).isEqualTo("public/default/echo");
        assertThat(config.instanceId()).isEqualTo(3);
        assertThat(config.authToken()).isEqualTo("function-token");
        assertThat(config.http().token()).isEqualTo("access");
        assertThat(config.pulsarUrl()).as("from the command line").isEqualTo("pulsar://h:6650");
        assertThat(config.parentPid()).isEqualTo(42);
    }

    @Test
    void theCommandLineStillWinsOverTheAssignment() throws Exception {
        RuntimeAssignment assignment = new RuntimeAssignment(Map.of("MAGNETAR_FUNCTION_FILE", functionFile().toString(),
                "MAGNETAR_PULSAR_URL", "pulsar://elsewhere:6650"));

        assertThat(RuntimeOptions.parse(POOLED, Map.of(), assignment).pulsarUrl()).isEqualTo("pulsar://h:6650");
    }

    @Test
    void stdinIsTheOnlySourceOfAnAssignment() {
        assertThatThrownBy(() -> RuntimeOptions.parsePooled(new String[] {"--assignment", "/tmp/file", "--pulsar-url",
                "p"}, Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--assignment is '/tmp/file'").hasMessageContaining("'stdin'");
        assertThatThrownBy(() -> RuntimeOptions.parsePooled(new String[] {"--assignment", "stdin"}, Map.of()))
                .hasMessageContaining("--pulsar-url is required");
    }
}
