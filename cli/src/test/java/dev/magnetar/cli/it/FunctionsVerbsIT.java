package dev.magnetar.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.cli.CliRun;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;


/**
 * Every {@code magnetar functions} verb and {@code invoke}, run in process through picocli against a
 * real control plane with the embedded broker and real replica JVMs, through one function's life.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionsVerbsIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String NAME = "cli-verbs";
    private static final String FQFN = "public/default/" + NAME;
    private static final String NL = System.lineSeparator();

    @TempDir
    static Path dataDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;

    @BeforeAll
    void start() {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Map.of(AdminConfig.ALLOWED_JAR_DIRS, Installation.current().samplesDir().toString()));
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    /** Runs the CLI against the control plane and expects exit code 0. */
    CliRun magnetar(String... args) {
        CliRun run = against(args);
        assertThat(run.exitCode()).as("magnetar %s%n%s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    CliRun against(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-url", plane.url()));
        return CliRun.of(all.toArray(String[]::new));
    }

    void awaitRunning(int running, int instances) {
        await().atMost(READY).until(() -> against("functions", "status", "--name", NAME).out()
                .startsWith(FQFN + ": " + running + "/" + instances + " running" + NL));
    }

    @Test
    @Order(1)
    void createFromAJarWaitsForTheReplica() {
        Path jar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        CliRun run = magnetar("functions", "create", "--name", NAME, "--jar", jar.toString(),
                "--classname", "dev.magnetar.samples.exclamation.ExclamationFunction",
                "--inputs", pulsar.uniqueTopic("cli-verbs-in"), "--output", pulsar.uniqueTopic("cli-verbs-out"),
                "--wait", "--wait-timeout", "90s");

        assertThat(run.out()).isEqualTo("created " + FQFN + NL);
        assertThat(run.errLines()).last().asString().endsWith("... 1/1");
    }

    @Test
    @Order(2)
    void getListAndStatusShowIt() throws Exception {
        assertThat(magnetar("functions", "get", "--name", NAME).out())
                .contains("name: " + NAME, "className: dev.magnetar.samples.exclamation.ExclamationFunction");
        JsonNode json = FunctionDocuments.json().readTree(magnetar("functions", "get", "--name", NAME,
                "--output-format", "json").out());
        assertThat(json.at("/spec/runtime/className").asText()).endsWith("ExclamationFunction");
        assertThat(magnetar("functions", "list").out().lines()).contains(NAME);
        assertThat(magnetar("functions", "status", "--fqfn", FQFN).out())
                .startsWith(FQFN + ": 1/1 running" + NL + "INSTANCE");
    }

    @Test
    @Order(3)
    void invokeAndTriggerPrintTheOutputAndStatsCountThem() throws Exception {
        assertThat(magnetar("invoke", NAME, "--data", "hi").out()).isEqualTo("hi!" + NL);
        assertThat(magnetar("functions", "trigger", "--name", NAME, "--trigger-value", "pulled").out())
                .isEqualTo("pulled!" + NL);

        JsonNode stats = FunctionDocuments.json().readTree(magnetar("functions", "stats", "--name", NAME).out());
        assertThat(stats.path("receivedTotal").asLong()).as(stats.toString()).isEqualTo(2);
        assertThat(stats.path("processedSuccessfullyTotal").asLong()).isEqualTo(2);
        assertThat(stats.at("/1min/receivedTotal").asLong()).as("Pulsar's name for oneMin").isEqualTo(2);
        assertThat(stats.path("lastInvocation").asLong()).isPositive();
        assertThat(stats.path("instances")).hasSize(1);
    }

    @Test
    @Order(4)
    void updateWaitsUntilTheNewCountRuns() {
        CliRun run = magnetar("functions", "update", "--name", NAME, "--parallelism", "2", "--wait",
                "--wait-timeout", "90s");

        assertThat(run.out()).isEqualTo("updated " + FQFN + NL);
        assertThat(run.errLines()).last().asString().endsWith("... 2/2");
        assertThat(magnetar("functions", "status", "--name", NAME).out()).startsWith(FQFN + ": 2/2 running" + NL);
    }

    @Test
    @Order(5)
    void stopStartAndRestartOneInstance() {
        assertThat(magnetar("functions", "stop", "--name", NAME, "--instance-id", "1").out())
                .isEqualTo("stopped instance 1 of " + FQFN + NL);
        assertThat(magnetar("functions", "status", "--name", NAME).out()).startsWith(FQFN + ": 1/2 running" + NL);
        assertThat(magnetar("functions", "start", "--name", NAME, "--instance-id", "1").out())
                .isEqualTo("started instance 1 of " + FQFN + NL);
        awaitRunning(2, 2);
        assertThat(magnetar("functions", "restart", "--name", NAME, "--instance-id", "0").out())
                .isEqualTo("restarted instance 0 of " + FQFN + NL);
        awaitRunning(2, 2);
    }

    @Test
    @Order(6)
    void stopStartAndRestartTheWholeFunction() {
        assertThat(magnetar("functions", "stop", "--name", NAME).out()).isEqualTo("stopped " + FQFN + NL);
        assertThat(magnetar("functions", "status", "--name", NAME).out()).startsWith(FQFN + ": 0/");
        assertThat(magnetar("functions", "start", "--name", NAME).out()).isEqualTo("started " + FQFN + NL);
        awaitRunning(2, 2);
        assertThat(magnetar("functions", "restart", "--name", NAME).out()).isEqualTo("restarted " + FQFN + NL);
        awaitRunning(2, 2);
        assertThat(magnetar("invoke", NAME, "--data", "back").out()).isEqualTo("back!" + NL);
    }

    @Test
    @Order(7)
    void aRefusalOfTheServerIsOneLineAndVerboseAddsTheStackTrace() {
        CliRun missing = against("functions", "get", "--name", "nothing");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.errLines()).singleElement().asString()
                .startsWith("error: ").contains("nothing", "not found (HTTP 404)");

        Path jar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        CliRun conflict = against("functions", "create", "--name", NAME, "--jar", jar.toString(),
                "--classname", "dev.magnetar.samples.exclamation.ExclamationFunction", "--inputs", "other-in");
        assertThat(conflict.exitCode()).isEqualTo(1);
        assertThat(conflict.errLines()).singleElement().asString().startsWith("error: ")
                .contains("already exists").endsWith("(HTTP 409)");

        CliRun once = against("functions", "create", "--name", "cli-once", "--jar", jar.toString(),
                "--classname", "dev.magnetar.samples.exclamation.ExclamationFunction", "--inputs", "once-in",
                "--retain-ordering", "--processing-guarantees", "EFFECTIVELY_ONCE");
        assertThat(once.exitCode()).isEqualTo(1);
        assertThat(once.errLines()).singleElement().asString().startsWith("error: ")
                .contains("spec.processingGuarantee", "EFFECTIVELY_ONCE is not supported").endsWith("(HTTP 400)");
        assertThat(magnetar("functions", "list").out().lines()).doesNotContain("cli-once");

        CliRun verbose = against("functions", "status", "--name", "nothing", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.errLines().get(0)).contains("(HTTP 404)");
        assertThat(verbose.err()).contains("\tat dev.magnetar.cli.");
    }

    @Test
    @Order(8)
    void deleteRemovesIt() {
        assertThat(magnetar("functions", "delete", "--name", NAME).out()).isEqualTo("deleted " + FQFN + NL);
        assertThat(magnetar("functions", "list").out().lines()).doesNotContain(NAME);
        CliRun gone = against("functions", "delete", "--name", NAME);
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.errLines()).singleElement().asString().contains("(HTTP 404)");
    }
}
