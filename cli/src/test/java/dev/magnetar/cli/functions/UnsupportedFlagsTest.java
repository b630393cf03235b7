package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pulsar-admin's auto-ack flag: one line naming the flag, exit 2, nothing sent. */
class UnsupportedFlagsTest {
    @TempDir
    Path dir;
    private FakeControlPlane server;
    private Path jar;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeControlPlane();
        jar = Files.writeString(dir.resolve("fn.jar"), "jar");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--auto-ack | false | Magnetar acknowledges for the function as --processing-guarantees says"})
    void isRefusedNamingTheFlag(String flag, String value, String reason) {
        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x",
                "--jar", jar.toString(), "--classname", "a.B", "--inputs", "in", flag, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("error: " + flag).contains(reason);
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"--auto-ack, false"})
    void updateRefusesThemToo(String flag, String value) {
        CliRun run = CliRun.of("functions", "update", "--admin-url", server.url(), "--name", "x",
                "--function-config-file", "missing.yaml", flag, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(flag);
    }
}
