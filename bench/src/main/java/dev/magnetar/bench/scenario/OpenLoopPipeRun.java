package dev.magnetar.bench.scenario;

import dev.magnetar.bench.harness.ChildJvm;
import dev.magnetar.bench.harness.MachineCpuTimes;
import dev.magnetar.bench.harness.ProcessCpu;
import dev.magnetar.bench.latency.Arrivals;
import dev.magnetar.bench.latency.LatencyRecorder;
import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.latency.OpenLoopSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * One open-loop latency run through a worker JVM: publish to its input topic at a fixed rate, receive from its
 * output topic, and record each message's latency from its intended send time. The first {@code warmupSeconds}
 * of messages warm the fresh worker's JIT and are not recorded. A message carries its sequence number as a
 * property, which both the pipe and Magnetar copy onto the output.
 */
final class OpenLoopPipeRun {
    static final String SEQUENCE = "bench-seq";
    static final String PROBE = "bench-probe";
    static final String BURST = "bench-burst";
    /**
     * Messages sent as fast as possible before the paced warm-up: at 100 msg/s the paced warm-up alone is a few
     * hundred messages, too few for the JIT to compile either side's hot path, so the run would measure
     * interpreted code. Not recorded.
     */
    static final int JIT_BURST = 20_000;
    static final long READY_TIMEOUT_SECONDS = 120;
    static final long DRAIN_TIMEOUT_SECONDS = 30;

    private final BenchContext context;

    OpenLoopPipeRun(BenchContext context) {
        this.context = context;
    }

    LatencyResult run(Variant variant, double rate, int seconds, int warmupSeconds) throws IOException {
        String prefix = "persistent://public/default/bench-lat-" + variant.name().toLowerCase() + "-" + System.nanoTime();
        Variant.Topics topics = new Variant.Topics(prefix + "-in", prefix + "-out", "bench");
        Path runDir = Files.createDirectories(context.workDir().resolve(variant.name().toLowerCase() + "-"
                + (long) rate + "-" + System.nanoTime()));
        long warmup = OpenLoopSchedule.messages(rate, warmupSeconds);
        long measured = OpenLoopSchedule.messages(rate, seconds);
        LatencyRecorder recorder = new LatencyRecorder();
        Arrivals arrivals = new Arrivals(warmup, measured);
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch burst = new CountDownLatch(JIT_BURST);
        CountDownLatch done = new CountDownLatch((int) measured);
        // Set once the worker is ready; the output listener reads it (outputs before then are probes).
        AtomicReference<OpenLoopSchedule> schedule = new AtomicReference<>();
        createSubscription(topics.input(), topics.subscription());
        try (Consumer<byte[]> outputs = context.client().newConsumer(Schema.BYTES).topic(topics.output())
                .subscriptionName("bench-latency").subscriptionType(SubscriptionType.Exclusive)
                .receiverQueueSize(10_000).messageListener((consumer, message) -> {
                    long now = System.nanoTime();
                    if (message.hasProperty(BURST)) {
                        burst.countDown();
                    } else {
                        onOutput(message, now, schedule.get(), arrivals, recorder, ready, done);
                    }
                    consumer.acknowledgeAsync(message);
                }).subscribe();
             Producer<byte[]> inputs = context.client().newProducer(Schema.BYTES).topic(topics.input())
                     .enableBatching(false).blockIfQueueFull(true).create();
             ChildJvm worker = ChildJvm.start(variant.command(context.serviceUrl(), topics, runDir), runDir.resolve("worker.log"))) {
            awaitReady(inputs, ready, worker, runDir);
            byte[] payload = new byte[DrainMeasurement.PAYLOAD_BYTES];
            java.util.Arrays.fill(payload, (byte) 'x');
            warmJit(inputs, payload, burst, worker, runDir);
            long total = warmup + measured;
            schedule.set(new OpenLoopSchedule(rate, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10)));
            long workerCpu0 = 0;
            long brokerCpu0 = 0;
            MachineCpuTimes machine0 = MachineCpuTimes.UNKNOWN;
            for (long i = 0; i < total; i++) {
                if (i == warmup) {
                    workerCpu0 = ProcessCpu.millis(worker.pid());
                    brokerCpu0 = ProcessCpu.millis(context.brokerPid());
                    machine0 = MachineCpuTimes.read();
                }
                schedule.get().awaitTurn(i);
                inputs.newMessage().value(payload).property(SEQUENCE, Long.toString(i)).sendAsync();
            }
            boolean complete = await(done, TimeUnit.SECONDS.toMillis(DRAIN_TIMEOUT_SECONDS));
            long workerCpu = ProcessCpu.millis(worker.pid()) - workerCpu0;
            long brokerCpu = ProcessCpu.millis(context.brokerPid()) - brokerCpu0;
            double steal = MachineCpuTimes.read().stealPercentSince(machine0);
            long received = arrivals.count();
            // Coordinated-omission correct: a message that never came is at least as late as the give-up time.
            arrivals.missing().forEach(index -> recorder.record(schedule.get().intendedNanos(index), System.nanoTime()));
            System.out.printf("[%s] %,.0f msg/s: %,d of %,d received%s, machine steal %.1f %%%n", variant.name(), rate,
                    received, measured, complete ? "" : " (gave up waiting after " + DRAIN_TIMEOUT_SECONDS + " s)", steal);
            return new LatencyResult(variant.name(), String.format("%,.0f msg/s", rate), rate, measured,
                    measured - received, recorder.summary(), recorder.curve(LatencyResult.CURVE_PERCENTILES),
                    workerCpu, brokerCpu, steal);
        }
    }

    private static void onOutput(Message<byte[]> message, long now, OpenLoopSchedule schedule, Arrivals arrivals,
                                 LatencyRecorder recorder, CountDownLatch ready, CountDownLatch done) {
        String sequence = message.getProperty(SEQUENCE);
        if (sequence == null) {
            ready.countDown();
            return;
        }
        long index = Long.parseLong(sequence);
        if (schedule != null && arrivals.arrived(index)) {
            recorder.record(schedule.intendedNanos(index), now);
            done.countDown();
        }
    }

    private static void warmJit(Producer<byte[]> inputs, byte[] payload, CountDownLatch burst, ChildJvm worker,
                                Path runDir) {
        for (int i = 0; i < JIT_BURST; i++) {
            inputs.newMessage().value(payload).property(BURST, "1").sendAsync();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (!await(burst, 200)) {
            if (!worker.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not pass the " + JIT_BURST + " warm-up messages within "
                        + READY_TIMEOUT_SECONDS + " s (" + burst.getCount() + " missing, alive: " + worker.isAlive()
                        + "); see " + runDir.resolve("worker.log"));
            }
        }
    }

    /** Sends a probe every 200 ms until one comes out: the worker is connected and subscribed. */
    private static void awaitReady(Producer<byte[]> inputs, CountDownLatch ready, ChildJvm worker, Path runDir)
            throws PulsarClientException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (!await(ready, 0)) {
            if (!worker.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not answer a probe within " + READY_TIMEOUT_SECONDS
                        + " s (alive: " + worker.isAlive() + "); see " + runDir.resolve("worker.log"));
            }
            inputs.newMessage().value(new byte[] {'p'}).property(PROBE, "1").send();
            await(ready, 200);
        }
    }

    private static boolean await(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void createSubscription(String topic, String subscription) throws PulsarClientException {
        context.client().newConsumer(Schema.BYTES).topic(topic).subscriptionName(subscription)
                .subscriptionType(SubscriptionType.Shared)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe().close();
    }
}
