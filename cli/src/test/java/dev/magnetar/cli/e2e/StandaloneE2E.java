package dev.magnetar.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's first session, through the real processes: {@code magnetar standalone --samples} starts its
 * own broker, the CLI (the packaged jar) defines functions, a plain Pulsar client and the gateway use
 * them, delete stops their processes, and a restart on the same data directory keeps the definitions.
 * The steps share one standalone instance and run in order.
 */
@TestMethodOrder(OrderAnnotation.class)
class StandaloneE2E {
    private static final Duration READY = Duration.ofMinutes(2);

    @TempDir
    static Path work;
    private static CliProcess cli;
    private static Path dataDir;
    private static int port;
    private static int brokerPort;
    private static int webPort;
    private static StandaloneProcess standalone;

    @BeforeAll
    static void startStandalone() throws IOException {
        cli = new CliProcess(work);
        dataDir = work.resolve("data");
        port = freePort();
        brokerPort = freePort();
        webPort = freePort();
        standalone = startOnce(1, "--samples");
    }

    @AfterAll
    static void stopStandalone() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    @Order(1)
    void samplesAreDeployedAndAnswerThroughTheGateway() {
        assertThat(standalone.output()).contains("deployed sample public/default/exclamation",
                "pulsar://127.0.0.1:" + brokerPort, standalone.adminUrl(), dataDir.toString());
        assertThat(magnetar("functions", "list").out().lines())
                .contains("exclamation", "word-count", "async-enrich");
        awaitReady("exclamation", 1);

        assertThat(magnetar("invoke", "exclamation", "--data", "hello").out()).isEqualTo("hello!\n");
    }

    @Test
    @Order(2)
    void createdByFlagsItTransformsTopicMessages() throws Exception {
        CliProcess.Result created = cli.runIn(cli.home().resolve("samples/exclamation"), "functions", "create",
                "--admin-url", standalone.adminUrl(), "--name", "e2e-flags", "--jar", "target/exclamation.jar",
                "--classname", exclamationClass(), "--inputs", "e2e-flags-in", "--output", "e2e-flags-out");
        assertThat(created.exitCode()).as("%s", created).isZero();
        assertThat(created.out()).isEqualTo("created public/default/e2e-flags\n");
        awaitReady("e2e-flags", 1);

        try (PulsarClient client = PulsarClient.builder().serviceUrl("pulsar://127.0.0.1:" + brokerPort).build();
             Consumer<byte[]> output = client.newConsumer(Schema.BYTES).topic("e2e-flags-out")
                     .subscriptionName("e2e-reader")
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             Producer<byte[]> input = client.newProducer(Schema.BYTES).topic("e2e-flags-in").create()) {
            input.send("hello".getBytes(StandardCharsets.UTF_8));
            Message<byte[]> message = output.receive(60, TimeUnit.SECONDS);
            assertThat(message).as("a message on e2e-flags-out within 60 s").isNotNull();
            assertThat(new String(message.getValue(), StandardCharsets.UTF_8)).isEqualTo("hello!");
        }
    }

    @Test
    @Order(3)
    void createdFromAConfigFileWithFlagOverrides() {
        CliProcess.Result created = magnetar("functions", "create", "--function-config-file",
                "samples/exclamation/function.yaml", "--name", "e2e-file", "--inputs", "e2e-file-in",
                "--output", "e2e-file-out", "--parallelism", "2");
        assertThat(created.out()).isEqualTo("created public/default/e2e-file\n");
        awaitReady("e2e-file", 2);

        assertThat(magnetar("invoke", "e2e-file", "--data", "config").out()).isEqualTo("config!\n");
        assertThat(magnetar("functions", "get", "--name", "e2e-file").out())
                .contains("name: e2e-file", "replicas: 2", cli.home().resolve("samples/exclamation/target/exclamation.jar").toString());
    }

    @Test
    @Order(4)
    void statusShowsEveryReplicaRunning() {
        String status = magnetar("functions", "status", "--name", "e2e-file").out();

        assertThat(status).startsWith("public/default/e2e-file: 2/2 running\n");
        assertThat(pids(status)).hasSize(2).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
    }

    @Test
    @Order(5)
    void pulsarAdminVerbsTriggerCountStopAndStartInstances() throws Exception {
        assertThat(magnetar("functions", "trigger", "--name", "e2e-file", "--trigger-value", "pulled").out())
                .isEqualTo("pulled!\n");
        JsonNode stats = FunctionDocuments.json().readTree(magnetar("functions", "stats", "--name", "e2e-file").out());
        assertThat(stats.path("receivedTotal").asLong()).as(stats.toString()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("instances")).hasSize(2);

        assertThat(magnetar("functions", "stop", "--name", "e2e-file", "--instance-id", "1").out())
                .isEqualTo("stopped instance 1 of public/default/e2e-file\n");
        assertThat(magnetar("functions", "status", "--name", "e2e-file").out())
                .startsWith("public/default/e2e-file: 1/2 running\n");
        assertThat(magnetar("functions", "start", "--name", "e2e-file", "--instance-id", "1").out())
                .isEqualTo("started instance 1 of public/default/e2e-file\n");
        awaitReady("e2e-file", 2);
    }

    @Test
    @Order(6)
    void deleteStopsTheFunctionsProcesses() {
        List<Long> pids = pids(magnetar("functions", "status", "--name", "e2e-flags").out());
        assertThat(pids).hasSize(1);

        assertThat(magnetar("functions", "delete", "--name", "e2e-flags").out())
                .isEqualTo("deleted public/default/e2e-flags\n");

        await("replica processes " + pids + " of e2e-flags to exit").atMost(Duration.ofSeconds(60))
                .until(() -> pids.stream().noneMatch(StandaloneE2E::alive));
        assertThat(magnetar("functions", "list").out().lines()).doesNotContain("e2e-flags").contains("e2e-file");
        CliProcess.Result gone = cli.run("functions", "status", "--admin-url", standalone.adminUrl(), "--name", "e2e-flags");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("(HTTP 404)");
    }

    @Test
    @Order(7)
    void aRestartOnTheSameDataDirectoryKeepsTheDefinitions() throws Exception {
        List<ProcessHandle> children = standalone.process().descendants().toList();
        assertThat(children).as("broker and replica processes").hasSizeGreaterThanOrEqualTo(2);

        standalone.stop();
        await("broker and replicas to exit with magnetar standalone").atMost(Duration.ofSeconds(60))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(standalone.output()).contains("stopping Magnetar", "stopped");

        standalone = startOnce(2);
        assertThat(magnetar("functions", "list").out().lines())
                .contains("exclamation", "e2e-file").doesNotContain("e2e-flags");
        awaitReady("e2e-file", 2);
        assertThat(magnetar("invoke", "e2e-file", "--data", "again").out()).isEqualTo("again!\n");
    }

    private static StandaloneProcess startOnce(int run, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
                "--broker-port", String.valueOf(brokerPort), "--web-port", String.valueOf(webPort)));
        args.addAll(List.of(extra));
        StandaloneProcess started = StandaloneProcess.start(cli, work.resolve("standalone-" + run + ".log"), args, port);
        started.awaitRunning();
        return started;
    }

    /** Runs a CLI command against the standalone instance and expects it to succeed. */
    private static CliProcess.Result magnetar(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-url", standalone.adminUrl()));
        CliProcess.Result result = cli.run(all.toArray(String[]::new));
        assertThat(result.exitCode()).as("magnetar %s\n%s", String.join(" ", args), result).isZero();
        return result;
    }

    /** Waits until the control plane reports every replica ready (subscribed), via the admin API. */
    private static void awaitReady(String name, int replicas) {
        await(name + " to have " + replicas + " ready replica(s)").atMost(READY).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> answer = standalone.get("/magnetar/v1/functions/public/default/" + name + "/status");
                    assertThat(answer).as("status answer").isNotNull();
                    JsonNode status = FunctionDocuments.json().readTree(answer.body());
                    assertThat(status.path("instances")).as(answer.body()).hasSize(replicas)
                            .allSatisfy(instance -> assertThat(instance.path("ready").asBoolean()).isTrue());
                });
    }

    /** The PID column of {@code functions status}. */
    private static List<Long> pids(String statusTable) {
        return statusTable.lines().skip(2).map(line -> line.trim().split("\\s+")[3])
                .filter(pid -> !pid.equals("-")).map(Long::parseLong).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String exclamationClass() throws IOException {
        return FunctionDocuments.read(cli.home().resolve("samples/exclamation/function.yaml"))
                .getSpec().getRuntime().className();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
