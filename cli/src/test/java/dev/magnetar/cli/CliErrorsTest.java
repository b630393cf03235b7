package dev.magnetar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of failure is one line on stderr, a non-zero exit and no stack trace. */
class CliErrorsTest {
    @TempDir
    Path dir;
    private Path jar;
    private FakeControlPlane server;

    @BeforeEach
    void setUp() throws IOException {
        jar = Files.writeString(dir.resolve("fn.jar"), "not really a jar");
        server = new FakeControlPlane();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void unknownFlagNamesItAndPointsAtHelp() {
        CliRun run = CliRun.of("functions", "create", "--name", "x", "--bogus", "1");

        assertOneLineError(run, "error: Unknown options: '--bogus', '1' (see magnetar functions create --help)");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void missingRequiredPayloadOfInvoke() {
        CliRun run = CliRun.of("invoke", "exclamation", "--admin-url", server.url());

        assertOneLineError(run, "error: Missing required argument (specify one of these):"
                + " (--data=TEXT | --data-file=FILE) (see magnetar invoke --help)");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void missingFunctionNameOfDelete() {
        CliRun run = CliRun.of("functions", "delete", "--admin-url", server.url());

        assertOneLineError(run, "error: Missing required option: '--name=NAME' (or --fqfn)"
                + " (see magnetar functions delete --help)");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void unreachableControlPlaneSaysWhatToStart() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.of("functions", "list", "--admin-url", "http://127.0.0.1:" + closedPort);

        assertOneLineError(run, "error: cannot reach the Magnetar control plane at http://127.0.0.1:" + closedPort
                + ": is `magnetar standalone` running? (set --admin-url or MAGNETAR_ADMIN_URL)");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void userConfigThatIsNotJsonNamesFlagAndValue() {
        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x",
                "--jar", jar.toString(), "--classname", "a.B", "--inputs", "in", "--user-config", "{oops");

        assertOneLineError(run, "error: invalid --user-config '{oops': not a JSON object");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void serverRefusalPrintsItsReasonAndStatus() {
        server.answer(400, "{\"reason\":\"spec.inputs: give at least one input topic or a topicsPattern\"}");

        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x",
                "--jar", jar.toString(), "--classname", "a.B");

        assertOneLineError(run, "error: spec.inputs: give at least one input topic or a topicsPattern (HTTP 400)");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void conflictOnCreateIsOneLineToo() {
        server.answer(409, "{\"reason\":\"function public/default/x already exists\"}");

        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x",
                "--jar", jar.toString(), "--classname", "a.B", "--inputs", "in");

        assertOneLineError(run, "error: function public/default/x already exists (HTTP 409)");
    }

    @Test
    void missingJarNamesTheFlagAndThePathLookedAt() {
        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x",
                "--jar", "no-such.jar", "--classname", "a.B", "--inputs", "in");

        assertOneLineError(run, "error: --jar 'no-such.jar': no such file (looked for ");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void configFileOfAnotherKindIsRefusedBeforeAnythingIsSent() throws IOException {
        Path pod = Files.writeString(dir.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: x}
                """);

        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(),
                "--function-config-file", pod.toString());

        assertOneLineError(run, "error: --function-config-file: " + pod + ": apiVersion: 'v1' is not accepted");
        assertThat(run.errLines().get(0)).contains("kind: 'Pod' is not accepted", "magnetar.dev/v1alpha1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void standaloneNeedsBothPulsarUrls() {
        CliRun run = CliRun.of("standalone", "--data-dir", dir.resolve("data").toString(),
                "--pulsar-url", "pulsar://localhost:6650");

        assertOneLineError(run, "error: give both --pulsar-url and --pulsar-admin-url to use an existing Pulsar"
                + " cluster, or neither to start the embedded broker");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void standaloneDataDirThatIsAFile() {
        CliRun run = CliRun.of("standalone", "--data-dir", jar.toString());

        assertOneLineError(run, "error: --data-dir '" + jar + "' is a file, not a directory");
    }

    @Test
    void verboseAddsTheStackTrace() {
        server.answer(500, "text/plain", "boom");

        CliRun run = CliRun.of("functions", "list", "--admin-url", server.url(), "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines().get(0)).isEqualTo("error: boom (HTTP 500)");
        assertThat(run.err()).contains("at dev.magnetar.cli.");
    }

    private static void assertOneLineError(CliRun run, String expectedStart) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isNotZero();
        assertThat(run.errLines()).as("stderr").hasSize(1);
        assertThat(run.errLines().get(0)).startsWith(expectedStart);
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }
}
