package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code functions create|update --wait}: poll status until every replica runs, or time out with one line. */
class WaitOptionTest {
    @TempDir
    Path dir;
    private Path jar;
    private FakeControlPlane server;

    @BeforeEach
    void setUp() throws IOException {
        jar = Files.writeString(dir.resolve("fn.jar"), "jar");
        server = new FakeControlPlane().answer(200, "");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void createWaitsUntilEveryReplicaRuns() {
        server.answer("GET", 200, status(2, 2));

        CliRun run = create("--wait");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("created public/default/echo");
        assertThat(run.errLines()).containsExactly("waiting for 2/2 replicas of public/default/echo ... 2/2");
        assertThat(server.lastRequest().path()).isEqualTo("/magnetar/v1/functions/public/default/echo/status");
    }

    @Test
    void aTimeoutIsOneErrorLineAndExitOne() {
        server.answer("GET", 200, status(2, 1));

        CliRun run = create("--wait", "--wait-timeout", "300ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).isEqualTo("waiting for 2/2 replicas of public/default/echo ... 1/2");
        assertThat(run.errLines().get(1)).contains("timed out after 300ms").contains("1/2 replicas running");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void waitingGoesOnWhileAnUpdateStillReplacesAReplica() {
        server.answer("GET", 200, "{\"numInstances\":2,\"numRunning\":2,\"instances\":["
                + "{\"instanceId\":0,\"state\":\"RUNNING\",\"pid\":1},"
                + "{\"instanceId\":0,\"state\":\"STARTING\",\"pid\":2},"
                + "{\"instanceId\":1,\"state\":\"RUNNING\",\"pid\":3}]}");

        CliRun run = create("--wait", "--wait-timeout", "300ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines().get(run.errLines().size() - 1)).contains("timed out after 300ms",
                "2/2 replicas running", "1 new replica of an update still starting");
    }

    @Test
    void anUpdateRolledBackEndsTheWaitWithItsReason() {
        server.answer("GET", 200, "{\"numInstances\":2,\"numRunning\":2,\"error\":\"the update was rolled back:"
                + " replica 0 of the new definition was not ready within 60 s\",\"instances\":["
                + "{\"instanceId\":0,\"state\":\"RUNNING\",\"pid\":1},"
                + "{\"instanceId\":1,\"state\":\"RUNNING\",\"pid\":3}]}");

        CliRun run = create("--wait");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines().get(run.errLines().size() - 1)).contains("public/default/echo",
                "the update was rolled back: replica 0 of the new definition was not ready within 60 s");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void withoutWaitNoStatusIsAsked() {
        CliRun run = create();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests()).extracting(FakeControlPlane.Request::method).containsExactly("POST");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        CliRun run = create("--wait", "--wait-timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--wait-timeout").contains("60s");
    }

    @Test
    void durationsTakeMillisecondsSecondsAndMinutes() {
        WaitOptions.DurationConverter converter = new WaitOptions.DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("5")).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> converter.convert("1h")).isInstanceOf(IllegalArgumentException.class);
    }

    private CliRun create(String... extra) {
        String[] base = {"functions", "create", "--admin-url", server.url(), "--name", "echo", "--jar", jar.toString(),
                "--classname", "a.Echo", "--inputs", "in", "--parallelism", "2"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRun.of(all);
    }

    private static String status(int instances, int running) {
        StringBuilder json = new StringBuilder("{\"numInstances\":" + instances + ",\"numRunning\":" + running
                + ",\"instances\":[");
        for (int i = 0; i < instances; i++) {
            json.append(i == 0 ? "" : ",").append("{\"instanceId\":").append(i)
                    .append(",\"state\":\"").append(i < running ? "RUNNING" : "STARTING").append("\",\"pid\":1}");
        }
        return json.append("]}").toString();
    }
}
