package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor and scaling logic with real child processes, but a stand-in runtime (no broker):
 * the pids, restarts and errors it reports are those of real processes.
 */
class LocalReplicasIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    Path jar;
    LocalReplicas replicas;

    @BeforeEach
    void start() throws Exception {
        jar = Files.writeString(dataDir.resolve("fn.jar"), "not really a jar");
        replicas = new LocalReplicas(FakeRuntime.settings(dataDir));
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    Function function(int replicas, Map<String, String> env) {
        Function function = FakeRuntime.echo(jar, "in");
        function.getSpec().setReplicas(replicas);
        function.getSpec().setEnv(env);
        return function;
    }

    void apply(Function function) {
        replicas.apply(function, ResolvedFunction.of(function));
    }

    List<InstanceStatus> awaitReady(int count) {
        await().atMost(WAIT).until(() -> replicas.status("public/default/echo").stream()
                .filter(InstanceStatus::ready).count() == count && replicas.status("public/default/echo").size() == count);
        return replicas.status("public/default/echo");
    }

    @Test
    void scalingKeepsTheReplicasThatStay() {
        apply(function(2, Map.of()));
        List<InstanceStatus> two = awaitReady(2);
        assertThat(two).extracting(InstanceStatus::httpPort).containsExactly(40000, 40001);

        apply(function(3, Map.of()));
        List<InstanceStatus> three = awaitReady(3);
        assertThat(three.subList(0, 2)).extracting(InstanceStatus::pid).isEqualTo(two.stream().map(InstanceStatus::pid).toList());

        apply(function(1, Map.of()));
        List<InstanceStatus> one = awaitReady(1);
        assertThat(one.get(0).pid()).isEqualTo(two.get(0).pid());
        assertThat(ProcessHandle.of(three.get(1).pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(three.get(2).pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aKilledReplicaIsRestartedAndCounted() {
        apply(function(2, Map.of()));
        List<InstanceStatus> before = awaitReady(2);

        ProcessHandle.of(before.get(1).pid()).orElseThrow().destroyForcibly();

        await().atMost(WAIT).until(() -> {
            InstanceStatus second = replicas.status("public/default/echo").get(1);
            return second.ready() && second.restarts() == 1 && second.pid() != before.get(1).pid();
        });
        InstanceStatus restarted = replicas.status("public/default/echo").get(1);
        assertThat(restarted.lastError()).startsWith("exit code 137");
        assertThat(replicas.status("public/default/echo").get(0).pid()).isEqualTo(before.get(0).pid());
        assertThat(dataDir.resolve("logs/public.default.echo-1.log")).content().contains("MAGNETAR_RUNTIME_READY");
    }

    @Test
    void aReplicaThatKeepsFailingReportsItsLastStderrLineAndBacksOff() {
        apply(function(1, Map.of("GREETING", "hi", "FAKE_EXIT_CODE", "3")));

        await().atMost(WAIT).until(() -> replicas.status("public/default/echo").get(0).restarts() >= 2);
        InstanceStatus status = replicas.status("public/default/echo").get(0);
        assertThat(status.lastError()).isEqualTo("exit code 3: fake failure of instance 0 env hi");
        assertThat(status.ready()).isFalse();
    }

    @Test
    void aNewDefinitionReplacesEveryReplicaAndItsEnvironment() throws Exception {
        apply(function(2, Map.of("GREETING", "hello")));
        List<InstanceStatus> before = awaitReady(2);

        apply(function(2, Map.of("GREETING", "bonjour")));

        List<InstanceStatus> after = awaitReady(2);
        assertThat(after).extracting(InstanceStatus::pid).doesNotContainAnyElementsOf(
                before.stream().map(InstanceStatus::pid).toList());
        assertThat(after).extracting(InstanceStatus::restarts).containsOnly(0);
        assertThat(dataDir.resolve("logs/public.default.echo-0.log")).content().contains("GREETING=bonjour");
        assertThat(Files.readString(dataDir.resolve("run/public.default.echo/function.yaml"))).contains("bonjour");
    }

    @Test
    void secretsAndTheFunctionsPulsarTokenReachTheReplicaWithoutBeingPrinted() throws Exception {
        writeSecret("greetings", "morning", "guten Morgen\n");
        writeSecret("echo-fn", "token", "echo-jwt\n");
        Function function = function(1, Map.of());
        function.getSpec().setSecrets(Map.of("FAKE_SECRET", new SecretRef("greetings", "morning")));
        function.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("echo-fn", "token")));

        assertThat(replicas.preflight(function, ResolvedFunction.of(function))).isEmpty();
        apply(function);

        awaitReady(1);
        assertThat(dataDir.resolve("logs/public.default.echo-0.log")).content()
                .contains("FAKE_SECRET " + FakeRuntime.digest("guten Morgen"),
                        "MAGNETAR_PULSAR_AUTH_TOKEN " + FakeRuntime.digest("echo-jwt"))
                .doesNotContain("guten Morgen", "echo-jwt");
    }

    void writeSecret(String name, String key, String value) throws Exception {
        Files.createDirectories(dataDir.resolve("secrets").resolve(name));
        Files.writeString(dataDir.resolve("secrets").resolve(name).resolve(key), value);
    }

    @Test
    void removeStopsEveryProcess() {
        apply(function(2, Map.of()));
        List<InstanceStatus> running = awaitReady(2);

        replicas.remove("public/default/echo");

        assertThat(replicas.status("public/default/echo")).isEmpty();
        for (InstanceStatus instance : running) {
            assertThat(ProcessHandle.of(instance.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        }
        assertThat(dataDir.resolve("run/public.default.echo")).doesNotExist();
    }

    @Test
    void preflightRefusesRelativeAndMissingJarsAndMissingSecretsAndTokens() {
        Function relative = function(1, Map.of());
        relative.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, "target/x.jar", "a.B"));
        Function missing = function(1, Map.of());
        missing.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, "/nowhere/x.jar", "a.B"));
        missing.getSpec().setSecrets(Map.of("DB_PASSWORD", new SecretRef("db", "password")));
        missing.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("echo-fn", "token")));

        assertThat(replicas.preflight(relative, ResolvedFunction.of(relative)))
                .singleElement().hasToString("spec.runtime.jar: 'target/x.jar' is a relative path: give an absolute path"
                        + " (the magnetar CLI makes --jar paths absolute)");
        assertThat(replicas.preflight(missing, ResolvedFunction.of(missing))).extracting(Object::toString)
                .containsExactly("spec.runtime.jar: /nowhere/x.jar does not exist or is not a file: build the function jar or fix the path",
                        "spec.secrets.DB_PASSWORD: secret db/password not found: in standalone mode write its value to "
                                + dataDir.resolve("secrets/db/password"),
                        "spec.pulsarAuth.token: secret echo-fn/token not found: in standalone mode write its value to "
                                + dataDir.resolve("secrets/echo-fn/token"));
    }
}
