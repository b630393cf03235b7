package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.chart.Chart;
import dev.magnetar.bench.harness.ChildJvm;
import dev.magnetar.bench.harness.Summary;
import dev.magnetar.bench.harness.WorkerJvm;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.local.ClassDataArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * "cold-start": process start → first message processed, with the message already waiting on the input topic.
 * Sides: BASELINE (the plain-client pipe main), MAGNETAR (a runtime replica, exclamation, as standalone starts
 * it: mapping the class data archive an earlier replica wrote, {@link ClassDataArchive}), and
 * MAGNETAR-NO-ARCHIVE (the same without it: the first replica after an install or an upgrade). The archive is
 * written the way standalone writes it, by one replica run that exits first. Each side runs {@code --runs}
 * times; median, min and max in ms.
 */
public final class ColdStartScenario implements Scenario {
    public static final String NAME = "cold-start";
    static final long FIRST_OUTPUT_TIMEOUT_SECONDS = 120;
    /** Cold starts per side without {@code --runs}. */
    static final int DEFAULT_RUNS = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        List<String> launcher = new ArrayList<>(List.of(Installation.javaExecutable().toString()));
        launcher.addAll(WorkerJvm.options());
        launcher.addAll(List.of("-jar", context.installation().runtimeJar().toString()));
        ClassDataArchive archive = ClassDataArchive.in(context.workDir().resolve("cds"), launcher,
                context.installation().runtimeJar());
        List<String> writerOptions = archive.jvmOptions();
        MagnetarVariant writer = new MagnetarVariant(context.installation(), "MAGNETAR-ARCHIVE-WRITER",
                FunctionCode.exclamation(context.installation()), 1, writerOptions);
        once(context, writer, process -> archive.started(writerOptions, process));
        archive.settle();
        List<String> mapping = archive.jvmOptions();
        if (mapping.stream().noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="))) {
            throw new IllegalStateException("the replica that ran first wrote no class data archive (next options: "
                    + mapping + "): the runtime JVM must exit normally on SIGTERM for -XX:ArchiveClassesAtExit to dump");
        }
        List<Variant> variants = List.of(new BaselineVariant(),
                new MagnetarVariant(context.installation(), "MAGNETAR", FunctionCode.exclamation(context.installation()),
                        1, mapping),
                MagnetarVariant.exclamation(context.installation(), 1).named("MAGNETAR-NO-ARCHIVE"));
        int runCount = context.runsOr(DEFAULT_RUNS);
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        for (Variant variant : variants) {
            List<Double> runs = new ArrayList<>();
            for (int i = 0; i < runCount; i++) {
                runs.add(once(context, variant, process -> { }));
            }
            System.out.printf("[%s] %d runs, median %.0f ms%n", variant.name(), runs.size(), Summary.of(runs).median());
            millis.put(variant.name(), runs);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("runs", Integer.toString(runCount));
        settings.put("workerJvm", WorkerJvm.describe());
        settings.put("measured", "ProcessBuilder.start() to the first output received by a consumer in the bench JVM;"
                + " the input message is published before the process starts");
        settings.put("classDataArchive", "MAGNETAR maps the dynamic AppCDS archive standalone keeps in <dataDir>/cds"
                + " (written by the first replica when it exits, -XX:ArchiveClassesAtExit; mapped with"
                + " -XX:SharedArchiveFile); MAGNETAR-NO-ARCHIVE is the first replica after an install or upgrade;"
                + " the JDK's default CDS archive is on for every side");
        return outcome(settings, millis);
    }

    static ScenarioOutcome outcome(Map<String, String> settings, Map<String, List<Double>> millis) {
        Summary baseline = null;
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> bars = new LinkedHashMap<>();
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> side : millis.entrySet()) {
            Summary s = Summary.of(side.getValue());
            baseline = baseline == null ? s : baseline;
            rows.add(List.of(side.getKey(), String.format("%,.0f", s.median()), String.format("%,.0f–%,.0f", s.min(), s.max()),
                    String.format("%.2f", s.ratioTo(baseline)), Integer.toString(side.getValue().size())));
            bars.put(side.getKey(), s.median());
            json.put(side.getKey(), Map.of("runsMs", side.getValue(), "medianMs", s.median(), "minMs", s.min(),
                    "maxMs", s.max(), "ratioToBaseline", s.ratioTo(baseline)));
        }
        List<String> header = List.of("variant", "median ms", "min–max ms", "ratio to BASELINE", "runs");
        Chart chart = new Chart.Bars("cold-start", NAME + ": process start to first output, median ms", "ms", bars);
        return new ScenarioOutcome(NAME, settings, header, rows, List.of(), json, List.of(chart));
    }

    /** One cold start: publish, start the worker, wait for its first output; milliseconds from start to output. */
    private static double once(BenchContext context, Variant variant, java.util.function.Consumer<Process> started) throws IOException {
        String prefix = "persistent://public/default/bench-cold-" + variant.name().toLowerCase() + "-" + System.nanoTime();
        Variant.Topics topics = new Variant.Topics(prefix + "-in", prefix + "-out", "bench");
        Path runDir = Files.createDirectories(context.workDir().resolve("cold-" + variant.name().toLowerCase() + "-"
                + System.nanoTime()));
        context.client().newConsumer(Schema.BYTES).topic(topics.input()).subscriptionName(topics.subscription())
                .subscriptionType(SubscriptionType.Shared)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe().close();
        try (Consumer<byte[]> outputs = context.client().newConsumer(Schema.BYTES).topic(topics.output())
                .subscriptionName("bench-cold").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             Producer<byte[]> inputs = context.client().newProducer(Schema.BYTES).topic(topics.input()).create()) {
            inputs.send("cold".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<String> command = variant.command(context.serviceUrl(), topics, runDir);
            long start = System.nanoTime();
            try (ChildJvm worker = ChildJvm.start(command, runDir.resolve("worker.log"))) {
                started.accept(worker.process());
                Message<byte[]> first = outputs.receive((int) FIRST_OUTPUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                long end = System.nanoTime();
                if (first == null) {
                    throw new IllegalStateException(variant.name() + " produced no output within " + FIRST_OUTPUT_TIMEOUT_SECONDS
                            + " s (alive: " + worker.isAlive() + "); see " + runDir.resolve("worker.log"));
                }
                return (end - start) / 1e6;
            }
        }
    }
}
