package dev.magnetar.bench;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.chart.ChartWriter;
import dev.magnetar.bench.harness.Descendants;
import dev.magnetar.bench.harness.Machine;
import dev.magnetar.bench.harness.ProcessCpu;
import dev.magnetar.bench.report.BenchReport;
import dev.magnetar.bench.report.JsonWriter;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.Scenario;
import dev.magnetar.bench.scenario.Scenarios;
import dev.magnetar.standalone.launcher.BrokerOptions;
import dev.magnetar.standalone.launcher.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * Runs the benchmarks (see {@link BenchOptions#USAGE}). Starts its own embedded broker (own JVM, free ports,
 * temp data dir), runs the selected scenarios one after another, and writes per scenario a table, a JSON
 * file and PNG charts into the results directory.
 */
public final class BenchMain {
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
        // An interrupted run (Ctrl-C, a timeout) must not leave the broker and workers running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Descendants.stop(ProcessHandle.current(),
                Duration.ofSeconds(10)), "bench-stop-children"));
        List<String> failures;
        try {
            failures = run(options);
        } catch (Exception e) {
            System.err.println("magnetar-bench: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        failures.forEach(failure -> System.err.println("magnetar-bench: failed " + failure));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Runs the selected scenarios; returns the failures of those whose invariant did not hold, each in one line. */
    private static List<String> run(BenchOptions options) throws Exception {
        Installation installation = Installation.current();
        Path workDir = Files.createTempDirectory("magnetar-bench");
        BrokerOptions brokerOptions = BrokerOptions.ephemeral(workDir.resolve("broker"));
        List<String> failures = new ArrayList<>();
        System.out.println("starting the embedded broker, data in " + brokerOptions.dataDir());
        try (BrokerProcess broker = BrokerProcess.start(brokerOptions);
             PulsarClient client = PulsarClient.builder().serviceUrl(broker.serviceUrl()).build()) {
            BenchContext context = new BenchContext(client, broker.serviceUrl(), broker.adminUrl(), broker.pid(), workDir,
                    installation, options.messages(), options.repetitions(), options.seconds(), options.runs(),
                    options.functions(), options.payloadBytes(), options.jfr(), options.pipeRates(),
                    broker.stateStorageUrl(), options.chaos());
            Files.createDirectories(options.resultsDir());
            if (options.chartsDir() != null) {
                Files.createDirectories(options.chartsDir());
            }
            for (Scenario scenario : Scenarios.all()) {
                if (options.selected().contains(scenario.name())) {
                    runOne(scenario, context, broker, options).failure()
                            .ifPresent(why -> failures.add(scenario.name() + ": " + why));
                }
            }
        }
        // The broker's ledgers are about 1 GB per full run; worker logs stay for inspection.
        deleteTree(brokerOptions.dataDir());
        System.out.println("worker logs: " + workDir);
        return failures;
    }

    /** Runs one scenario and reports it; returns its outcome, whose failure, if any, fails the run at the end. */
    private static ScenarioOutcome runOne(Scenario scenario, BenchContext context, BrokerProcess broker,
                                          BenchOptions options) throws Exception {
        Machine machine = Machine.current();
        System.out.println("== scenario " + scenario.name() + ", load average " + machine.loadAverage());
        ScenarioOutcome outcome = scenario.run(context);
        BenchReport report = new BenchReport(Instant.now(), machine, Machine.currentLoadAverage(),
                brokerSettings(broker), outcome);
        Path file = options.resultsDir().resolve(report.fileName());
        Files.writeString(file, JsonWriter.write(report.toJson()));
        System.out.println();
        System.out.println("scenario " + outcome.scenario() + ", load average at start " + machine.loadAverage()
                + ", at end " + report.loadAverageAtEnd());
        System.out.print(outcome.table());
        outcome.notes().forEach(note -> System.out.println("- " + note));
        System.out.println("results: " + file.toAbsolutePath());
        for (Chart chart : outcome.charts()) {
            System.out.println("chart:   " + ChartWriter.write(chart, options.resultsDir(), report.fileStem()).toAbsolutePath());
            if (options.chartsDir() != null) {
                System.out.println("chart:   " + ChartWriter.write(chart, options.chartsDir(), scenario.name()).toAbsolutePath());
            }
        }
        return outcome;
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
        settings.put("kind", "embedded standalone (own JVM): RocksDB metadata store, one bookie, no functions worker,"
                + " managedLedgerNewEntriesCheckDelayInMillis=0");
        settings.put("serviceUrl", broker.serviceUrl());
        settings.put("adminUrl", broker.adminUrl());
        settings.put("dataDir", broker.dataDir().toString());
        settings.put("pid", Long.toString(broker.pid()));
        settings.put("cpuMsTotalAtEnd", Long.toString(ProcessCpu.millis(broker.pid())));
        return settings;
    }
}
