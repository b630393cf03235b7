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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;

/**
 * {@code magnetar standalone} on its own data directory and ports, running {@code busy}: two replicas
 * of async-enrich whose every call takes {@link #CALL_MS}, fed enough orders to keep both at their
 * concurrency. Knows its processes (the broker and the replicas) and their logs.
 */
final class BusyStandalone implements AutoCloseable {
    static final String FUNCTION = "busy";
    static final long CALL_MS = 3_000;
    private static final int REPLICAS = 2;
    private static final int CONCURRENCY = 5;

    private final StandaloneProcess standalone;
    private final Path dataDir;
    private final int brokerPort;

    private BusyStandalone(StandaloneProcess standalone, Path dataDir, int brokerPort) {
        this.standalone = standalone;
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
    }

    /** Starts standalone with {@code busy} defined and ready; {@code prefix} goes before the CLI's command. */
    static BusyStandalone start(CliProcess cli, Path work, List<String> prefix) throws IOException {
        Path dataDir = work.resolve("data");
        int brokerPort = freePort();
        List<String> args = List.of("--data-dir", dataDir.toString(), "--broker-port", String.valueOf(brokerPort),
                "--web-port", String.valueOf(freePort()));
        StandaloneProcess standalone = StandaloneProcess.start(cli, work.resolve("standalone.log"), args, freePort(),
                prefix);
        BusyStandalone busy = new BusyStandalone(standalone, dataDir, brokerPort);
        try {
            standalone.awaitRunning();
            busy.define(cli, work);
        } catch (IOException | RuntimeException | AssertionError e) {
            standalone.close();
            throw e;
        }
        return busy;
    }

    private void define(CliProcess cli, Path work) throws IOException {
        Path file = Files.writeString(work.resolve("busy.yaml"), """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: %s}
                spec:
                  runtime: {className: dev.magnetar.samples.asyncenrich.AsyncEnrichFunction, jar: %s}
                  inputs: [busy-in]
                  output: busy-out
                  replicas: %d
                  concurrency: %d
                  timeoutMs: 60000
                  userConfig: {delayMs: %d}
                """.formatted(FUNCTION, cli.home().resolve("samples/async-enrich/target/async-enrich.jar"), REPLICAS,
                CONCURRENCY, CALL_MS));
        CliProcess.Result created = cli.run("functions", "create", "--function-config-file", file.toString(),
                "--admin-url", standalone.adminUrl());
        assertThat(created.exitCode()).as("%s", created).isZero();
        await("both replicas of busy to be ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> replicaPids().size() == REPLICAS);
    }

    /** Publishes more orders than the replicas take at once and waits until both have calls in flight. */
    void keepBusy() throws Exception {
        try (PulsarClient client = PulsarClient.builder().serviceUrl("pulsar://127.0.0.1:" + brokerPort).build();
             Producer<byte[]> input = client.newProducer(Schema.BYTES).topic("busy-in").create()) {
            for (int i = 0; i < REPLICAS * CONCURRENCY * 3; i++) {
                input.send(("{\"id\":\"o-" + i + "\",\"customer\":\"acme\"}").getBytes(StandardCharsets.UTF_8));
            }
        }
        await("calls in flight on both replicas").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    int busy = 0;
                    for (JsonNode instance : stats().path("instances")) {
                        busy += instance.at("/metrics/receivedTotal").asLong() > 0 ? 1 : 0;
                    }
                    return busy == REPLICAS;
                });
    }

    /** Pids of the ready replicas of {@code busy}. */
    List<Long> replicaPids() {
        HttpResponse<String> answer = standalone.get("/magnetar/v1/functions/public/default/" + FUNCTION + "/status");
        List<Long> pids = new ArrayList<>();
        if (answer != null && answer.statusCode() == 200) {
            read(answer.body()).path("instances").forEach(instance -> {
                if (instance.path("ready").asBoolean()) {
                    pids.add(instance.path("pid").asLong());
                }
            });
        }
        return pids;
    }

    /** The embedded broker's JVM, a child of the CLI. */
    ProcessHandle broker() {
        return standalone.process().children()
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.endsWith("magnetar-broker.jar")))
                .findFirst().orElseThrow(() -> new AssertionError("no broker among the CLI's children"));
    }

    StandaloneProcess standalone() {
        return standalone;
    }

    Path replicaLog(int instanceId) {
        return dataDir.resolve("logs").resolve("public.default." + FUNCTION + "-" + instanceId + ".log");
    }

    Path brokerLog() {
        return dataDir.resolve("pulsar").resolve("logs").resolve("broker.log");
    }

    private JsonNode stats() {
        HttpResponse<String> answer = standalone.get("/admin/v3/functions/public/default/" + FUNCTION + "/stats");
        return answer == null || answer.statusCode() != 200 ? read("{}") : read(answer.body());
    }

    private static JsonNode read(String json) {
        try {
            return FunctionDocuments.json().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        standalone.close();
    }
}
