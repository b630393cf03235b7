package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane;
import dev.magnetar.cli.FakeControlPlane.Request;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** querystate and putstate: sent to Pulsar's state paths with pulsar-admin's flags. */
class StateCommandsTest {
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
    void querystateReadsOneKeyAndPrintsTheFunctionState() {
        server.answer(200, "{\"key\":\"apple\",\"numberValue\":400,\"version\":399}");

        CliRun run = CliRun.of("functions", "querystate", "--admin-url", server.url(), "--fqfn", "acme/ops/words",
                "--key", "apple");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"numberValue\" : 400");
        Request request = server.lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/admin/v3/functions/acme/ops/words/state/apple");
    }

    @Test
    void querystateOfAMissingKeyIsOneLineAndNonZero() {
        server.answer(404, "{\"reason\":\"key 'pear' doesn't exist.\"}");

        CliRun run = CliRun.of("functions", "querystate", "--admin-url", server.url(), "--name", "words", "--key", "pear");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("key 'pear' doesn't exist.");
    }

    @Test
    void putstatePostsTheStateAsMultipartUnderItsKey() {
        server.answer(204, "");

        CliRun run = CliRun.of("functions", "putstate", "--admin-url", server.url(), "--name", "words", "--state",
                "{\"key\":\"greeting\",\"stringValue\":\"hi\"}");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stored key 'greeting' of public/default/words");
        Request request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/admin/v3/functions/public/default/words/state/greeting");
        assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(request.body()).contains("name=\"state\"", "{\"key\":\"greeting\",\"stringValue\":\"hi\"}");
    }

    @Test
    void putstateRefusesStateWithoutAKeyOrNotJson() {
        CliRun noKey = CliRun.of("functions", "putstate", "--admin-url", server.url(), "--name", "words", "--state",
                "{\"stringValue\":\"hi\"}");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--state has no \"key\"");

        CliRun notJson = CliRun.of("functions", "putstate", "--admin-url", server.url(), "--name", "words", "--state",
                "key=greeting");
        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("--state is not valid JSON");
        assertThat(server.requests()).isEmpty();
    }
}
