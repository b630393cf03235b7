package dev.magnetar.bench;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.Machine;
import dev.magnetar.bench.harness.ProcessCpu;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.report.BenchReport;
import dev.magnetar.bench.report.JsonWriter;
import dev.magnetar.bench.report.ResultTable;
import dev.magnetar.bench.scenario.BaselineVariant;
import dev.magnetar.bench.scenario.MagnetarVariant;
import dev.magnetar.bench.scenario.ThroughputScenario;
import dev.magnetar.bridge.broker.BrokerOptions;
import dev.magnetar.bridge.broker.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * Runs the benchmarks: {@code BenchMain [--scenario throughput|all] [--repetitions 3] [--messages 200000]
 * [--results-dir bench/results]}. Starts its own embedded broker (own JVM, free ports, temp data dir).
 */
public final class BenchMain {
    /** The second MAGNETAR variant's per-replica concurrency: how much the default of 1 costs. */
    static final int MAGNETAR_CONCURRENCY = 64;
    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("magnetar-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Exception e) {
            System.err.println("magnetar-bench: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(BenchOptions options) throws Exception {
        Installation installation = Installation.current();
        Machine machine = Machine.current();
        Path workDir = Files.createTempDirectory("magnetar-bench");
        BrokerOptions brokerOptions = BrokerOptions.ephemeral(workDir.resolve("broker"));
        System.out.println("starting the embedded broker, data in " + brokerOptions.dataDir());
        try (BrokerProcess broker = BrokerProcess.start(brokerOptions);
             PulsarClient client = PulsarClient.builder().serviceUrl(broker.serviceUrl()).build()) {
            ThroughputScenario throughput = new ThroughputScenario(client, broker.serviceUrl(), broker.pid(), workDir);
            ScenarioResult result = throughput.run(
                    List.of(new BaselineVariant(), new MagnetarVariant(installation, 1),
                            new MagnetarVariant(installation, MAGNETAR_CONCURRENCY)),
                    options.messages(), options.repetitions());
            BenchReport report = new BenchReport(Instant.now(), machine, Machine.currentLoadAverage(),
                    brokerSettings(broker), result);
            Files.createDirectories(options.resultsDir());
            Path file = options.resultsDir().resolve(report.fileName());
            Files.writeString(file, JsonWriter.write(report.toJson()));
            System.out.println();
            System.out.println("scenario " + result.scenario() + ", " + options.messages() + " messages, "
                    + options.repetitions() + " repetitions, load average at start " + machine.loadAverage()
                    + ", at end " + report.loadAverageAtEnd());
            System.out.print(ResultTable.render(result));
            System.out.println("results: " + file.toAbsolutePath());
        }
        // The broker's ledgers are about 1 GB per full run; worker logs stay for inspection.
        deleteTree(brokerOptions.dataDir());
        System.out.println("worker logs: " + workDir);
    }

    /** Deletes a directory tree; only called after a successful run, so a failed one keeps its broker logs. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Map<String, String> brokerSettings(BrokerProcess broker) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kind", "embedded standalone (own JVM): RocksDB metadata store, one bookie, no functions worker");
        settings.put("serviceUrl", broker.serviceUrl());
        settings.put("adminUrl", broker.adminUrl());
        settings.put("dataDir", broker.dataDir().toString());
        settings.put("pid", Long.toString(broker.pid()));
        settings.put("cpuMsTotalAtEnd", Long.toString(ProcessCpu.millis(broker.pid())));
        return settings;
    }
}
