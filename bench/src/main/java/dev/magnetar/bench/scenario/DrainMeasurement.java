package dev.magnetar.bench.scenario;

import dev.magnetar.bench.harness.ChildJvm;
import dev.magnetar.bench.harness.EventPayloads;
import dev.magnetar.bench.harness.MachineCpuTimes;
import dev.magnetar.bench.harness.ProcessCpu;
import dev.magnetar.bench.harness.RunResult;
import dev.magnetar.bench.harness.ScenarioResult;
import dev.magnetar.bench.harness.StealGuard;
import dev.magnetar.bench.harness.TopicAdmin;
import dev.magnetar.bench.harness.VariantResult;
import dev.magnetar.bench.harness.WorkerGroup;
import dev.magnetar.bench.harness.WorkerJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * Drain measurement: 2 x N pre-filled messages (JSON events of 100 bytes unless --payload-bytes says otherwise, see
 * {@link EventPayloads}) on a fresh input topic, drained by one worker JVM per variant; the first N warm that JVM
 * up, msgs/s is measured over the last N outputs seen on the output topic. Used by the "throughput", "io-bound"
 * and "scale-out" scenarios.
 */
public final class DrainMeasurement {
    /** The latency scenarios' message size; the drains take theirs from {@code --payload-bytes}. */
    public static final int PAYLOAD_BYTES = 100;
    static final long IDLE_TIMEOUT_SECONDS = 120;
    /** Distinct bodies the pre-fill cycles through: more than a batch holds, so batches compress as a stream would. */
    static final int PAYLOAD_VARIETY = 4_096;
    static final long PAYLOAD_SEED = 5;

    private final PulsarClient client;
    private final String serviceUrl;
    private final TopicAdmin admin;
    private final long brokerPid;
    private final Path workDir;
    private final ScaleOutEvidence scaleOut;
    private final int payloadBytes;
    /** Repeats runs the hypervisor disturbed, as the latency scenarios do: a drain is CPU-bound on two cores. */
    private final StealGuard<LabelledRun> guard = new StealGuard<>(labelled -> labelled.run().stealPercent(),
            labelled -> String.format("%s: %,.0f msgs/s, machine steal %.1f %%", labelled.label(),
                    labelled.run().msgsPerSecond(), labelled.run().stealPercent()));

    /** One measured run and which it was, for the notes. */
    private record LabelledRun(String label, RunResult run) {
    }

    public DrainMeasurement(PulsarClient client, String serviceUrl, TopicAdmin admin, long brokerPid, Path workDir,
                            int payloadBytes) {
        this(client, serviceUrl, admin, brokerPid, workDir, payloadBytes, null);
    }

    /**
     * With {@code scaleOut}, every run first starts all replicas and waits until each is a consumer of the
     * subscription, then pre-fills, and records the broker's view of the topic after draining.
     */
    public DrainMeasurement(PulsarClient client, String serviceUrl, TopicAdmin admin, long brokerPid, Path workDir,
                            int payloadBytes, ScaleOutEvidence scaleOut) {
        this.admin = admin;
        this.scaleOut = scaleOut;
        this.payloadBytes = payloadBytes;
        this.client = client;
        this.serviceUrl = serviceUrl;
        this.brokerPid = brokerPid;
        this.workDir = workDir;
    }

    /** {@link #measureInterleaved} with the same size for every variant; the first variant is the baseline. */
    public ScenarioResult run(String scenario, List<Variant> variants, int messages, int repetitions) throws IOException {
        List<VariantResult> results = measureInterleaved(variants, variant -> messages, repetitions);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("messages", Integer.toString(messages));
        settings.put("payloadBytes", Integer.toString(payloadBytes));
        settings.put("workerJvm", WorkerJvm.describe());
        settings.put("payload", "JSON events, " + PAYLOAD_VARIETY + " distinct bodies cycled");
        settings.put("repetitions", Integer.toString(repetitions));
        putMethod(settings);
        settings.put("topics", "fresh persistent topic pair per run, one partition");
        settings.put("measured", "first to last output after the warm-up ones, read by a Reader in the bench JVM");
        return new ScenarioResult(scenario, settings, results, notes());
    }

    /** Runs repeated because the machine's steal was too high during them (see {@link StealGuard}), in words. */
    public List<String> notes() {
        return guard.notes();
    }

    /** How runs are ordered, for the settings of every drain scenario. */
    public static final String ORDER = "measured runs round-robin (run 1 of every variant, then run 2, ...)";
    /** How each run warms its worker up, for the settings of every drain scenario. */
    public static final String WARMUP = "in every run, the worker JVM first drains as many unmeasured messages as it"
            + " then measures";

    /** How every drain scenario runs (order, warm-up, steal guard), for its settings. */
    public static void putMethod(Map<String, String> settings) {
        settings.put("order", ORDER);
        settings.put("warmup", WARMUP);
        settings.put("disturbedRuns", StealGuard.RULE);
    }

    /**
     * Outputs each run drains before the measured ones, in the same worker JVM: as many as it measures. A fresh
     * JVM spends its first seconds compiling, which a replica in service pays once, not per backlog. Measured
     * from a fresh worker's first output, a 1,000,000-message drain counted the compiler threads' work as about
     * half of the replica's CPU (C1 and C2 5.0 s of the process's 9.5 s; the pipe's 3.6 s of 8.1 s), so the
     * ratios compared JIT warm-up as much as the code; a warm-up run in a JVM of its own warmed only the broker.
     */
    static int warmupMessages(int measured) {
        return measured;
    }

    /**
     * {@code repetitions} rounds of one measured run per variant, each in a fresh worker JVM warmed up by
     * {@link #warmupMessages}. Round-robin rather than variant after variant: load from outside the run (other
     * processes on a shared machine) then spreads over every variant instead of skewing the ratios. Results come
     * back in the order of {@code variants}.
     */
    public List<VariantResult> measureInterleaved(List<? extends Variant> variants, ToIntFunction<Variant> messages,
                                                  int repetitions) throws IOException {
        Map<Variant, List<RunResult>> runs = new LinkedHashMap<>();
        for (int i = 1; i <= repetitions; i++) {
            for (Variant variant : variants) {
                String label = "run" + i;
                String name = variant.name() + " " + label;
                int size = messages.applyAsInt(variant);
                RunResult run = guard.measure(() -> new LabelledRun(name, once(variant, size, label))).run();
                System.out.printf("[%s] run %d: %,.0f msgs/s, worker CPU %,d ms, broker CPU %,d ms, %.1f msgs per output entry,"
                        + " machine steal %.1f %%%n", variant.name(), i, run.msgsPerSecond(), run.workerCpuMs(),
                        run.brokerCpuMs(), run.messagesPerOutputEntry(), run.stealPercent());
                runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(run);
            }
        }
        List<VariantResult> results = new ArrayList<>();
        for (Variant variant : variants) {
            results.add(VariantResult.of(variant.name(), variant.description(), runs.get(variant)));
        }
        return results;
    }

    private RunResult once(Variant variant, int messages, String label) throws IOException {
        DrainWindow window = new DrainWindow(warmupMessages(messages), messages);
        String prefix = "persistent://public/default/bench-" + variant.name().toLowerCase() + "-" + label + "-"
                + System.nanoTime();
        Variant.Topics topics = new Variant.Topics(prefix + "-in", prefix + "-out", "bench");
        Path runDir = Files.createDirectories(workDir.resolve(variant.name().toLowerCase() + "-" + label + "-" + System.nanoTime()));
        createSubscription(topics);
        try (Reader<byte[]> reader = client.newReader(Schema.BYTES).topic(topics.output())
                .startMessageId(MessageId.earliest).receiverQueueSize(5_000).create();
             WorkerGroup workers = new WorkerGroup()) {
            if (scaleOut == null) {
                prefill(topics.input(), window.total());
                startWorkers(variant, topics, runDir, workers);
            } else {
                // All replicas subscribed before the first message: the rate is not diluted by staggered JVM starts.
                startWorkers(variant, topics, runDir, workers);
                scaleOut.awaitConsumers(topics.input(), variant.replicas(), workers);
                prefill(topics.input(), window.total());
            }
            RunResult run = drain(reader, workers, window, topics.output(), runDir);
            if (scaleOut != null) {
                scaleOut.recordEvidence(variant.name() + " " + label, topics.input());
            }
            return run;
        }
    }

    private void startWorkers(Variant variant, Variant.Topics topics, Path runDir, WorkerGroup workers) throws IOException {
        for (int r = 0; r < variant.replicas(); r++) {
            Path replicaDir = Files.createDirectories(runDir.resolve("replica-" + r));
            workers.add(ChildJvm.start(variant.command(serviceUrl, topics, replicaDir), replicaDir.resolve("worker.log")));
        }
    }

    private void createSubscription(Variant.Topics topics) throws PulsarClientException {
        client.newConsumer(Schema.BYTES).topic(topics.input()).subscriptionName(topics.subscription())
                .subscriptionType(SubscriptionType.Shared)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe().close();
    }

    private void prefill(String topic, long messages) throws PulsarClientException {
        List<byte[]> payloads = EventPayloads.of(PAYLOAD_VARIETY, payloadBytes, PAYLOAD_SEED);
        try (Producer<byte[]> producer = client.newProducer(Schema.BYTES).topic(topic).enableBatching(true)
                .blockIfQueueFull(true).create()) {
            for (long i = 0; i < messages; i++) {
                producer.sendAsync(payloads.get((int) (i % PAYLOAD_VARIETY)));
            }
            producer.flush();
        }
    }

    /**
     * Reads the outputs until the window is complete. CPU, steal and the output topic's stored entries are
     * counted from the first measured output on, so that the warm-up's batches do not halve messages per entry
     * (the broker's count then already includes the entries the reader has not reached: a few thousand
     * messages' worth, so messages per entry can read up to a few percent high).
     */
    private RunResult drain(Reader<byte[]> reader, WorkerGroup worker, DrainWindow window, String outputTopic,
                            Path runDir) throws IOException {
        long first = 0;
        long workerCpu0 = 0;
        long brokerCpu0 = 0;
        long entries0 = 0;
        MachineCpuTimes machine0 = MachineCpuTimes.UNKNOWN;
        long lastOutput = System.nanoTime();
        while (!window.complete()) {
            Message<byte[]> message = reader.readNext(1, TimeUnit.SECONDS);
            if (message == null) {
                // Polled every second so a dead worker fails the run at once instead of after the idle timeout.
                if (!worker.allAlive() || System.nanoTime() - lastOutput > TimeUnit.SECONDS.toNanos(IDLE_TIMEOUT_SECONDS)) {
                    String state = worker.allAlive() ? "idle for " + IDLE_TIMEOUT_SECONDS + " s" : "exited";
                    throw new IllegalStateException("no output after " + window.seen() + " of " + window.total()
                            + " messages (worker " + state + "); see " + runDir + "/replica-*/worker.log");
                }
                continue;
            }
            lastOutput = System.nanoTime();
            if (window.count()) {
                first = System.nanoTime();
                workerCpu0 = worker.cpuMillis();
                brokerCpu0 = ProcessCpu.millis(brokerPid);
                machine0 = MachineCpuTimes.read();
                entries0 = admin.entries(outputTopic);
            }
        }
        long last = System.nanoTime();
        double steal = MachineCpuTimes.read().stealPercentSince(machine0);
        RunResult run = RunResult.of(window.measured(), first, last, worker.cpuMillis() - workerCpu0,
                ProcessCpu.millis(brokerPid) - brokerCpu0).withStealPercent(steal);
        return run.withOutputEntries(admin.entries(outputTopic) - entries0);
    }
}
