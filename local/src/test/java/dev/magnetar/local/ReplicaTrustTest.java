package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.v1alpha1.Function;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local replica checks the broker's certificate as the control plane does; the store's password stays off argv. */
class ReplicaTrustTest {
    @TempDir
    Path dataDir;

    @Test
    void theControlPlanesTrustReachesEveryReplicaThroughItsEnvironment() throws Exception {
        ReplicaSettings base = FakeRuntime.settings(dataDir);
        PulsarTrust trust = new PulsarTrust(null, "/tls/trust.p12", "PKCS12", "store-s3cret", false, false);
        ReplicaSettings settings = new ReplicaSettings(base.launcher(), "pulsar+ssl://127.0.0.1:6651", dataDir,
                base.restarts(), base.stopGrace(), base.readyTimeout(), base.classData(), base.access(), trust);
        Function echo = FakeRuntime.echo(dataDir.resolve("echo.jar"), "in");
        // A function's own env does not override the platform's settings.
        echo.getSpec().setEnv(Map.of(Option.PULSAR_TLS_TRUST_STORE.variable(), "/elsewhere.p12"));

        ProcessBuilder process = new FunctionVersions(settings, new LocalSecrets(settings.secretsDir()), 1L << 34)
                .write(echo, ResolvedFunction.of(echo)).plan().processFor(settings, 0, List.of());

        assertThat(process.environment())
                .containsEntry(Option.PULSAR_TLS_TRUST_STORE.variable(), "/tls/trust.p12")
                .containsEntry(Option.PULSAR_TLS_TRUST_STORE_TYPE.variable(), "PKCS12")
                .containsEntry(Option.PULSAR_TLS_TRUST_STORE_PASSWORD.variable(), "store-s3cret")
                .containsEntry(Option.PULSAR_TLS_HOSTNAME_VERIFICATION.variable(), "false");
        assertThat(process.command()).noneMatch(argument -> argument.contains("store-s3cret"));
        assertThat(settings.toString()).doesNotContain("store-s3cret");
    }

    @Test
    void withTheDefaultTrustNoReplicaGetsATrustSetting() throws Exception {
        ReplicaSettings settings = FakeRuntime.settings(dataDir);
        Function echo = FakeRuntime.echo(dataDir.resolve("echo.jar"), "in");

        ProcessBuilder process = new FunctionVersions(settings, new LocalSecrets(settings.secretsDir()), 1L << 34)
                .write(echo, ResolvedFunction.of(echo)).plan().processFor(settings, 0, List.of());

        assertThat(process.environment().keySet()).noneMatch(name -> name.startsWith("MAGNETAR_PULSAR_TLS_"));
    }
}
