package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replica's environment: the function's env, secrets and own Pulsar token, and nothing of the control plane's. */
class FunctionVersionsTest {
    private static final String TOKEN = Option.PULSAR_AUTH_TOKEN.variable();

    @TempDir
    Path dataDir;
    ReplicaSettings settings;
    FunctionVersions versions;

    @BeforeEach
    void setUp() throws Exception {
        settings = FakeRuntime.settings(dataDir);
        versions = new FunctionVersions(settings, new LocalSecrets(settings.secretsDir()), 16L << 30);
        writeSecret("echo-fn", "token", "function-jwt\n");
        writeSecret("db", "password", "s3cret\n");
    }

    void writeSecret(String name, String key, String value) throws Exception {
        Files.createDirectories(settings.secretsDir().resolve(name));
        Files.writeString(settings.secretsDir().resolve(name).resolve(key), value);
    }

    Map<String, String> replicaEnvironment(Function function) {
        LaunchPlan plan = versions.write(function, ResolvedFunction.of(function)).plan();
        return plan.processFor(settings, 0, List.of()).environment();
    }

    Function echo() {
        Function function = FakeRuntime.echo(dataDir.resolve("fn.jar"), "in");
        function.getSpec().setEnv(Map.of("GREETING", "hello"));
        function.getSpec().setSecrets(Map.of("DB_PASSWORD", new SecretRef("db", "password")));
        return function;
    }

    @Test
    void theFunctionsOwnTokenIsItsPulsarToken() {
        Function function = echo();
        function.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("echo-fn", "token")));

        assertThat(replicaEnvironment(function)).containsEntry(TOKEN, "function-jwt")
                .containsEntry("DB_PASSWORD", "s3cret").containsEntry("GREETING", "hello");
    }

    @Test
    void aFunctionWithoutItsOwnTokenGetsNone() {
        Map<String, String> environment = replicaEnvironment(echo());

        assertThat(environment).doesNotContainKey(TOKEN).containsEntry("DB_PASSWORD", "s3cret");
    }

    @Test
    void theControlPlanesOwnTokenInItsEnvironmentNeverReachesAReplica() {
        Map<String, String> inherited = new HashMap<>(Map.of(TOKEN, "control-plane-jwt", "MAGNETAR_PULSAR_URL",
                "pulsar://elsewhere:6650", "MAGNETAR_HOME", "/opt/magnetar", "PATH", "/usr/bin"));

        LaunchPlan.replicaEnvironment(inherited, Map.of("GREETING", "hello"));

        assertThat(inherited).containsOnlyKeys("MAGNETAR_HOME", "PATH", "GREETING");
        LaunchPlan.replicaEnvironment(inherited, Map.of(TOKEN, "function-jwt"));
        assertThat(inherited).containsEntry(TOKEN, "function-jwt");
    }

    @Test
    void theRunFilesNameTheSecretsButHoldNoValue() throws Exception {
        Function function = echo();
        function.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("echo-fn", "token")));

        versions.write(function, ResolvedFunction.of(function));

        List<Path> written;
        try (var files = Files.walk(settings.runDir())) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).isNotEmpty().allSatisfy(file ->
                assertThat(file).content().contains("echo-fn").doesNotContain("function-jwt", "s3cret"));
    }

    @Test
    void anAutoscaledFunctionReservesRoomForItsMostReplicasAndSaysSo() {
        Function function = echo();
        function.getSpec().setAutoscaling(new dev.magnetar.api.v1alpha1.AutoscalingSpec(0, 6, null, null, null, null,
                null, null, null));

        ReplicaBudget.Demand demand = versions.demand(function, ResolvedFunction.of(function));

        assertThat(demand.replicas()).isEqualTo(6);
        assertThat(demand.field()).isEqualTo("spec.autoscaling.maxReplicas");
    }
}
