package dev.magnetar.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --output-format table|json|yaml} on get, list, status and stats. */
class OutputFormatTest {
    private static final String STATUS = "{\"numInstances\":1,\"numRunning\":1,\"instances\":["
            + "{\"instanceId\":0,\"state\":\"RUNNING\",\"pid\":42,\"restarts\":0,\"ready\":true,\"lastError\":null}]}";
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
    void listAsJsonIsAnArrayOfNames() throws IOException {
        server.answer(200, "[\"a\",\"b\"]");

        CliRun run = CliRun.of("functions", "list", "--admin-url", server.url(), "--output-format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode names = FunctionDocuments.json().readTree(run.out());
        assertThat(names.isArray()).isTrue();
        assertThat(names).extracting(JsonNode::asText).containsExactly("a", "b");
    }

    @Test
    void listAsYamlIsAYamlSequence() {
        server.answer(200, "[\"a\",\"b\"]");

        CliRun run = CliRun.of("functions", "list", "--admin-url", server.url(), "--output-format", "yaml");

        assertThat(run.out().lines()).containsExactly("- a", "- b");
    }

    @Test
    void statusAsJsonKeepsTheCountsAndReplicas() throws IOException {
        server.answer(200, STATUS);

        CliRun run = CliRun.of("functions", "status", "--admin-url", server.url(), "--name", "echo",
                "--output-format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode status = FunctionDocuments.json().readTree(run.out());
        assertThat(status.path("numRunning").asInt()).isEqualTo(1);
        assertThat(status.path("instances").get(0).path("pid").asLong()).isEqualTo(42);
    }

    @Test
    void statusAsYamlNamesTheFields() {
        server.answer(200, STATUS);

        CliRun run = CliRun.of("functions", "status", "--admin-url", server.url(), "--name", "echo",
                "--output-format", "yaml");

        assertThat(run.out()).contains("numRunning: 1").contains("state: RUNNING");
    }

    @Test
    void statsAsTableListsScalarFields() {
        server.answer(200, "{\"receivedTotal\":7,\"processedSuccessfullyTotal\":6,\"instances\":[]}");

        CliRun run = CliRun.of("functions", "stats", "--admin-url", server.url(), "--name", "echo",
                "--output-format", "table");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "KEY                         VALUE",
                "receivedTotal               7",
                "processedSuccessfullyTotal  6");
    }

    @Test
    void statsDefaultsToJson() throws IOException {
        server.answer(200, "{\"receivedTotal\":7}");

        CliRun run = CliRun.of("functions", "stats", "--admin-url", server.url(), "--name", "echo");

        assertThat(FunctionDocuments.json().readTree(run.out()).path("receivedTotal").asInt()).isEqualTo(7);
    }

    @Test
    void anUnknownFormatIsOneLineNamingTheAcceptedValues() {
        CliRun run = CliRun.of("functions", "list", "--admin-url", server.url(), "--output-format", "xml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("xml").contains("table").contains("json").contains("yaml");
        assertThat(server.requests()).isEmpty();
    }
}
