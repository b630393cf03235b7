package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.v1alpha1.Function;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local replica's HTTP port listens on loopback, and its access token travels in the environment only. */
class ReplicaPortAccessTest {
    @TempDir
    Path dataDir;

    @Test
    void listensOnLoopbackWithItsFunctionsTokenInTheEnvironment() throws Exception {
        ReplicaSettings settings = FakeRuntime.settings(dataDir, Duration.ofSeconds(5));
        Function echo = FakeRuntime.echo(dataDir.resolve("echo.jar"), "in");
        ResolvedFunction resolved = ResolvedFunction.of(echo);
        DeployedFunction.Version version = new FunctionVersions(settings, new LocalSecrets(settings.secretsDir()), 1L << 34)
                .write(echo, resolved);

        ProcessBuilder process = version.plan().processFor(settings, 0, List.of());

        String token = settings.access().tokenFor(resolved.fqfn());
        assertThat(process.command()).containsSequence(Option.HTTP_HOST.flag(), "127.0.0.1")
                .doesNotContain(token).noneMatch(argument -> argument.contains(token));
        assertThat(process.environment()).containsEntry(Option.HTTP_ACCESS_TOKEN.variable(), token);
    }
}
