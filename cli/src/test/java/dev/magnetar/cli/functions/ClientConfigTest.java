package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane;
import dev.magnetar.cli.config.ClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client config file (pulsar-admin's client.conf): URL precedence and the bearer token. */
class ClientConfigTest {
    @TempDir
    Path dir;
    private FakeControlPlane server;
    private FakeControlPlane other;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeControlPlane().answer(200, "[]");
        other = new FakeControlPlane().answer(200, "[]");
        AdminOptions.environment = Map.of();
    }

    @AfterEach
    void tearDown() {
        AdminOptions.environment = System.getenv();
        server.close();
        other.close();
    }

    @Test
    void theConfigGivesTheUrlAndAnInlineToken() throws IOException {
        Path conf = conf("webServiceUrl=" + server.url(), "authParams=token:abc.def");

        CliRun run = CliRun.of("functions", "list", "--config", conf.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.lastRequest().authorization()).isEqualTo("Bearer abc.def");
        assertThat(ClientConfig.read(conf).toString()).contains(server.url()).doesNotContain("abc.def");
    }

    @Test
    void theTokenCanComeFromAFile() throws IOException {
        Path token = Files.writeString(dir.resolve("token.jwt"), "from.file\n");
        Path conf = conf("webServiceUrl=" + server.url(), "authParams=file:" + token);

        CliRun run = CliRun.of("functions", "list", "--config", conf.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.lastRequest().authorization()).isEqualTo("Bearer from.file");
    }

    @Test
    void theEnvironmentNamesTheConfigWhenNoFlagDoes() throws IOException {
        Path conf = conf("webServiceUrl=" + server.url());
        AdminOptions.environment = Map.of(ClientConfig.PATH_ENV, conf.toString());

        CliRun run = CliRun.of("functions", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests()).hasSize(1);
        assertThat(server.lastRequest().authorization()).isNull();
    }

    @Test
    void theUrlEnvironmentVariableBeatsTheConfig() throws IOException {
        Path conf = conf("webServiceUrl=" + other.url());
        AdminOptions.environment = Map.of("MAGNETAR_ADMIN_URL", server.url());

        CliRun run = CliRun.of("functions", "list", "--config", conf.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests()).hasSize(1);
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void theFlagBeatsTheEnvironmentAndTheConfig() throws IOException {
        Path conf = conf("webServiceUrl=" + other.url(), "authParams=token:t");
        AdminOptions.environment = Map.of("MAGNETAR_ADMIN_URL", other.url());

        CliRun run = CliRun.of("functions", "list", "--config", conf.toString(), "--admin-url", server.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.lastRequest().authorization()).isEqualTo("Bearer t");
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void aMissingTokenFileIsOneLineNamingTheFileAndKey() throws IOException {
        Path conf = conf("authParams=file:" + dir.resolve("absent.jwt"));

        CliRun run = CliRun.of("functions", "list", "--config", conf.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(conf.toString()).contains("authParams").contains("absent.jwt");
    }

    @Test
    void aMalformedFileIsOneLineNamingTheFile() throws IOException {
        Path conf = conf("webServiceUrl=\\uZZZZ");

        CliRun run = CliRun.of("functions", "list", "--config", conf.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(conf.toString());
    }

    @Test
    void anUnknownAuthSchemeIsOneLineNamingTheKeyButNotItsValue() throws IOException {
        Path conf = conf("authParams=eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig");

        CliRun run = CliRun.of("functions", "list", "--config", conf.toString());

        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(conf.toString()).contains("authParams").contains("token:")
                .doesNotContain("eyJ", "c2VjcmV0");
    }

    private Path conf(String... lines) throws IOException {
        return Files.write(dir.resolve("client.conf"), java.util.List.of(lines));
    }
}
