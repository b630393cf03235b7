package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.api.v1alpha1.WindowSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane.Request;
import dev.magnetar.cli.FakeControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** What each {@code functions} verb sends to the admin API and prints from its answer. */
class FunctionsCommandsTest {
    @TempDir
    Path dir;
    private Path jar;
    private FakeControlPlane server;

    @BeforeEach
    void setUp() throws IOException {
        jar = Files.writeString(dir.resolve("fn.jar"), "jar");
        server = new FakeControlPlane();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void windowFlagsAndAutoAckFalseAreSentAsPulsarAdminNamesThem() {
        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "counts",
                "--jar", jar.toString(), "--classname", "a.Counts", "--inputs", "in", "--output", "out",
                "--window-length-count", "10", "--sliding-interval-count", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Function sent = FunctionDocuments.parse(server.lastRequest().body());
        assertThat(sent.getSpec().getWindow()).isEqualTo(new WindowSpec(10, null, 5, null, null, null, null, null, null));

        run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "timed",
                "--jar", jar.toString(), "--classname", "a.Timed", "--inputs", "in",
                "--window-length-duration-ms", "60000", "--sliding-interval-duration-ms", "10000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(FunctionDocuments.parse(server.lastRequest().body()).getSpec().getWindow())
                .isEqualTo(new WindowSpec(null, 60_000L, null, 10_000L, null, null, null, null, null));

        run = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "manual",
                "--jar", jar.toString(), "--classname", "a.Manual", "--inputs", "in", "--auto-ack", "false");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(FunctionDocuments.parse(server.lastRequest().body()).getSpec().getAutoAck()).isFalse();
    }

    @Test
    void createPostsTheDocumentBuiltFromPulsarAdminFlags() {
        CliRun run = CliRun.of("functions", "create", "--admin-url", server.url(), "--tenant", "acme",
                "--namespace", "ops", "--name", "shout", "--jar", jar.toString(), "--classname", "a.Shout",
                "--inputs", "in-1, in-2", "--output", "out", "--parallelism", "2", "--user-config", "{\"k\":1}",
                "--processing-guarantees", "atmost_once", "--max-message-retries", "5", "--subs-name", "subs",
                "--subs-position", "earliest", "--retain-key-ordering", "--timeout-ms", "1500", "--log-topic", "shout-logs",
                "--auto-ack", "true", "--cpu", "0.5", "--ram", "536870912",
                "--secrets", "{\"DB_PASSWORD\": {\"path\": \"db\", \"key\": \"password\"}}");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("created acme/ops/shout" + System.lineSeparator());
        Request request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/magnetar/v1/functions/acme/ops/shout");
        assertThat(request.contentType()).isEqualTo("application/json");
        Function sent = FunctionDocuments.parse(request.body());
        assertThat(sent.getApiVersion()).isEqualTo(Function.API_VERSION);
        assertThat(sent.getMetadata().getName()).isEqualTo("shout");
        assertThat(sent.getSpec().getTenant()).isEqualTo("acme");
        assertThat(sent.getSpec().getRuntime().jar()).isEqualTo(jar.toAbsolutePath().toString());
        assertThat(sent.getSpec().getInputs()).containsExactly("in-1", "in-2");
        assertThat(sent.getSpec().getReplicas()).isEqualTo(2);
        assertThat(sent.getSpec().getUserConfig()).isEqualTo(Map.of("k", 1));
        assertThat(sent.getSpec().getMaxRedeliveries()).isEqualTo(5);
        assertThat(sent.getSpec().getTimeoutMs()).isEqualTo(1500L);
        assertThat(sent.getSpec().getSubscription().type()).isEqualTo(SubscriptionType.Key_Shared);
        assertThat(sent.getSpec().getSubscription().name()).isEqualTo("subs");
        assertThat(sent.getSpec().getSubscription().initialPosition()).isEqualTo(InitialPosition.Earliest);
        assertThat(sent.getSpec().getProcessingGuarantee()).isEqualTo(ProcessingGuarantee.ATMOST_ONCE);
        assertThat(sent.getSpec().getLogTopic()).isEqualTo("shout-logs");
        assertThat(sent.getSpec().getResources()).isEqualTo(new ResourcesSpec("500m", "536870912"));
        assertThat(sent.getSpec().getSecrets()).containsExactly(entry("DB_PASSWORD", new SecretRef("db", "password")));
    }

    @Test
    void resourceAndSecretFlagsThatMakeNoSenseAreUsageErrors() {
        CliRun cpu = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x", "--jar", jar.toString(),
                "--classname", "a.B", "--inputs", "in", "--cpu", "0");
        assertThat(cpu.exitCode()).isEqualTo(2);
        assertThat(cpu.errLines()).singleElement().asString().contains("invalid --cpu 0.0", "above 0");

        CliRun secret = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x", "--jar",
                jar.toString(), "--classname", "a.B", "--inputs", "in", "--secrets", "{\"DB\": {\"path\": \"db\"}}");
        assertThat(secret.exitCode()).isEqualTo(2);
        assertThat(secret.errLines()).singleElement().asString().contains("'DB' needs both \"path\" and \"key\"");

        CliRun value = CliRun.of("functions", "create", "--admin-url", server.url(), "--name", "x", "--jar",
                jar.toString(), "--classname", "a.B", "--inputs", "in", "--secrets", "{\"DB\": \"hunter2-value\"}");
        assertThat(value.exitCode()).isEqualTo(2);
        assertThat(value.errLines()).singleElement().asString().contains("invalid --secrets", "\"path\"")
                .doesNotContain("hunter2");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void updateAppliesFlagsToTheStoredDefinition() {
        server.answer(200, FunctionDocuments.toJson(stored()));

        CliRun run = CliRun.of("functions", "update", "--admin-url", server.url(), "--fqfn", "public/default/echo",
                "--parallelism", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Request> requests = server.requests();
        assertThat(requests).extracting(Request::method).containsExactly("GET", "PUT");
        Function sent = FunctionDocuments.parse(requests.get(1).body());
        assertThat(sent.getSpec().getReplicas()).isEqualTo(3);
        assertThat(sent.getSpec().getInputs()).containsExactly("echo-in");
        assertThat(sent.getSpec().getRuntime().className()).isEqualTo("a.Echo");
    }

    @Test
    void getPrintsYamlThatParsesBack() {
        server.answer(200, FunctionDocuments.toJson(stored()));

        CliRun run = CliRun.of("functions", "get", "--admin-url", server.url(), "--name", "echo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.lastRequest().path()).isEqualTo("/magnetar/v1/functions/public/default/echo");
        assertThat(run.out()).startsWith("apiVersion: magnetar.dev/v1alpha1");
        assertThat(FunctionDocuments.parse(run.out()).getSpec().getInputs()).containsExactly("echo-in");
    }

    @Test
    void getOfUnknownFunctionIsAnError() {
        server.answer(404, "{\"reason\":\"function public/default/nope not found\"}");

        CliRun run = CliRun.of("functions", "get", "--admin-url", server.url(), "--name", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: function public/default/nope not found (HTTP 404)");
    }

    @Test
    void listPrintsOneNamePerLine() {
        server.answer(200, "[\"a\",\"b\"]");

        CliRun run = CliRun.of("functions", "list", "--admin-url", server.url(), "--namespace", "ops");

        assertThat(run.out().lines()).containsExactly("a", "b");
        assertThat(server.lastRequest().path()).isEqualTo("/magnetar/v1/functions/public/ops");
    }

    @Test
    void statusPrintsOneRowPerReplica() {
        server.answer(200, "{\"numInstances\":2,\"numRunning\":1,\"instances\":["
                + "{\"instanceId\":0,\"state\":\"RUNNING\",\"pid\":4242,\"restarts\":0,\"ready\":true,\"lastError\":null},"
                + "{\"instanceId\":1,\"state\":\"RESTARTING\",\"pid\":-1,\"restarts\":3,\"ready\":false,"
                + "\"lastError\":\"exit code 1\"}]}");

        CliRun run = CliRun.of("functions", "status", "--admin-url", server.url(), "--name", "echo");

        assertThat(server.lastRequest().path()).isEqualTo("/magnetar/v1/functions/public/default/echo/status");
        assertThat(run.out().lines()).containsExactly(
                "public/default/echo: 1/2 running",
                "INSTANCE  STATE       READY  PID   RESTARTS  LAST ERROR",
                "0         RUNNING     yes    4242  0         -",
                "1         RESTARTING  no     -     3         exit code 1");
    }

    @Test
    void statusSaysWhyTheFunctionIsNotWhollyInEffect() {
        server.answer(200, "{\"numInstances\":1,\"numRunning\":1,\"error\":\"the update was rolled back\","
                + "\"instances\":[{\"instanceId\":0,\"state\":\"RUNNING\",\"pid\":4242,\"ready\":true}]}");

        CliRun run = CliRun.of("functions", "status", "--admin-url", server.url(), "--name", "echo");

        assertThat(run.out().lines()).startsWith("public/default/echo: 1/1 running", "error: the update was rolled back",
                "INSTANCE  STATE    READY  PID   RESTARTS  LAST ERROR");
    }

    @Test
    void deleteSendsDelete() {
        CliRun run = CliRun.of("functions", "delete", "--admin-url", server.url(), "--name", "echo");

        assertThat(run.exitCode()).isZero();
        assertThat(server.lastRequest().method()).isEqualTo("DELETE");
        assertThat(run.out()).startsWith("deleted public/default/echo");
    }

    private Function stored() {
        FunctionFlags flags = new FunctionFlags();
        flags.jar = jar.toString();
        flags.className = "a.Echo";
        flags.inputs = List.of("echo-in");
        Function function = new FunctionDocumentBuilder(dir).build(flags);
        IdentityOptions.stamp(function, new dev.magnetar.cli.http.FunctionRef("public", "default", "echo"));
        return function;
    }
}
