package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane.Request;
import dev.magnetar.cli.FakeControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** trigger, start, stop, restart and stats: sent to Pulsar's Functions API paths, as pulsar-admin sends them. */
class PulsarVerbsCommandsTest {
    @TempDir
    Path dir;
    private FakeControlPlane server;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeControlPlane();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void triggerPostsTheValueAsMultipartAndPrintsTheOutput() {
        server.answer(200, "hello!");

        CliRun run = CliRun.of("functions", "trigger", "--admin-url", server.url(), "--fqfn", "acme/ops/shout",
                "--trigger-value", "hello", "--topic", "in-2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hello!" + System.lineSeparator());
        Request request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/admin/v3/functions/acme/ops/shout/trigger");
        assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(request.body()).contains("name=\"data\"", "\r\n\r\nhello\r\n", "name=\"topic\"", "\r\n\r\nin-2\r\n");
    }

    @Test
    void triggerReadsTheValueFromAFileAndNeedsOneOfTheTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("value.txt"), "from a file");

        CliRun run = CliRun.of("functions", "trigger", "--admin-url", server.url(), "--name", "echo",
                "--trigger-file", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.lastRequest().body()).contains("from a file").doesNotContain("name=\"topic\"");

        CliRun neither = CliRun.of("functions", "trigger", "--admin-url", server.url(), "--name", "echo");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--trigger-value").contains("--trigger-file");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void startStopAndRestartTheWholeFunctionOrOneInstance() {
        CliRun stop = CliRun.of("functions", "stop", "--admin-url", server.url(), "--name", "echo");
        assertThat(stop.out()).isEqualTo("stopped public/default/echo" + System.lineSeparator());
        assertThat(server.lastRequest().path()).isEqualTo("/admin/v3/functions/public/default/echo/stop");
        assertThat(server.lastRequest().method()).isEqualTo("POST");

        CliRun start = CliRun.of("functions", "start", "--admin-url", server.url(), "--name", "echo", "--instance-id", "1");
        assertThat(start.out()).isEqualTo("started instance 1 of public/default/echo" + System.lineSeparator());
        assertThat(server.lastRequest().path()).isEqualTo("/admin/v3/functions/public/default/echo/1/start");

        CliRun restart = CliRun.of("functions", "restart", "--admin-url", server.url(), "--fqfn", "a/b/c");
        assertThat(restart.exitCode()).isZero();
        assertThat(server.lastRequest().path()).isEqualTo("/admin/v3/functions/a/b/c/restart");
    }

    @Test
    void aServerRefusalIsOneLineAndExitOne() {
        server.answer(404, "{\"reason\":\"function public/default/echo has no instance 7: its instances are 0 to 1\"}");

        CliRun run = CliRun.of("functions", "restart", "--admin-url", server.url(), "--name", "echo", "--instance-id", "7");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "error: function public/default/echo has no instance 7: its instances are 0 to 1 (HTTP 404)");
    }

    @Test
    void statsPrintsPulsarsStatsAsJson() {
        server.answer(200, "{\"receivedTotal\":6,\"processedSuccessfullyTotal\":6,\"instances\":[]}");

        CliRun run = CliRun.of("functions", "stats", "--admin-url", server.url(), "--name", "echo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.lastRequest().path()).isEqualTo("/admin/v3/functions/public/default/echo/stats");
        assertThat(run.out()).contains("\"receivedTotal\" : 6", "\"processedSuccessfullyTotal\" : 6");
        CliRun one = CliRun.of("functions", "stats", "--admin-url", server.url(), "--name", "echo", "--instance-id", "0");
        assertThat(one.exitCode()).isZero();
        assertThat(server.lastRequest().path()).isEqualTo("/admin/v3/functions/public/default/echo/0/stats");
    }
}
