package dev.magnetar.bench.autoscale;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bench.gateway.ControlPlaneProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;

/**
 * One burst on one freshly deployed function: the burst is published as fast as the broker takes it while the bench
 * reads the outputs and polls the function's status; the drain ends with the last order's output. The function is
 * deleted afterwards and its replicas waited for, so the next run starts on a quiet machine.
 */
final class BurstRun {
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** After the drain, how long an autoscaled function may take to come back to its minimum (for the chart). */
    static final Duration SCALE_DOWN_WAIT = Duration.ofSeconds(15);
    static final Duration REPLICA_EXIT_WAIT = Duration.ofSeconds(30);

    /**
     * What one run measured.
     *
     * @param drainSeconds   from the burst's first publish to its last output
     * @param publishSeconds from the first publish to the last one persisted
     * @param duplicates     outputs of an order already counted (redeliveries)
     * @param pollFailures   status polls that got no answer
     */
    record Result(String side, int messages, double drainSeconds, double publishSeconds, long duplicates,
                  ScaleTimeline timeline, int pollFailures) {
    }

    /** The two moments of the publishing, at {@link System#nanoTime()}. */
    private record Published(long firstNanos, long lastNanos) {
    }

    private final PulsarClient client;
    private final ControlPlaneProcess plane;

    BurstRun(PulsarClient client, ControlPlaneProcess plane) {
        this.client = client;
        this.plane = plane;
    }

    /** Deploys {@code function}, waits for {@code readyReplicas}, bursts {@code messages} at it and drains them. */
    Result measure(String side, Function function, int readyReplicas, int messages) throws IOException {
        String name = function.getMetadata().getName();
        plane.deploy(ScalingFunctions.TENANT, ScalingFunctions.NAMESPACE, name, ScalingFunctions.yaml(function),
                readyReplicas);
        Set<Long> pids = new HashSet<>();
        try (Consumer<byte[]> outputs = client.newConsumer(Schema.BYTES).topic(ScalingFunctions.outputTopic(name))
                .subscriptionName("bench").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             // Unbatched: the broker counts a batch once in a subscription's backlog, which the autoscaler follows.
             Producer<byte[]> inputs = client.newProducer(Schema.BYTES).topic(ScalingFunctions.inputTopic(name))
                     .enableBatching(false).blockIfQueueFull(true).create();
             StatusPoller poller = StatusPoller.start(() -> ScaleStatus.parse(plane.status(ScalingFunctions.TENANT,
                     ScalingFunctions.NAMESPACE, name)))) {
            CompletableFuture<Published> published = CompletableFuture.supplyAsync(() -> publish(inputs, messages));
            BitSet seen = new BitSet(messages);
            long duplicates = drain(outputs, seen, messages, name);
            long lastOutput = System.nanoTime();
            Published sent = published.join();
            if (function.getSpec().getAutoscaling() != null) {
                awaitReplicas(poller, readyReplicas);
            }
            List<ScaleTimeline.Polled> polled = poller.polled();
            polled.forEach(p -> pids.addAll(p.status().pids()));
            return new Result(side, messages, (lastOutput - sent.firstNanos()) / 1e9,
                    (sent.lastNanos() - sent.firstNanos()) / 1e9, duplicates,
                    ScaleTimeline.of(polled, sent.firstNanos()), poller.failures());
        } finally {
            plane.delete(ScalingFunctions.TENANT, ScalingFunctions.NAMESPACE, name);
            awaitExit(pids);
        }
    }

    private static Published publish(Producer<byte[]> inputs, int messages) {
        long first = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            inputs.sendAsync(BurstOrders.order(i));
        }
        try {
            inputs.flush();
        } catch (PulsarClientException e) {
            throw new CompletionException(e);
        }
        return new Published(first, System.nanoTime());
    }

    /** Reads outputs until every order has one; returns how many outputs repeated an order already seen. */
    private static long drain(Consumer<byte[]> outputs, BitSet seen, int messages, String name)
            throws PulsarClientException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long duplicates = 0;
        int distinct = 0;
        while (distinct < messages) {
            Message<byte[]> output = outputs.receive(1, TimeUnit.SECONDS);
            if (output == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " gave " + distinct + " of " + messages
                            + " outputs within " + DRAIN_TIMEOUT.toMinutes() + " min; see the control plane's log");
                }
                continue;
            }
            int number = BurstOrders.number(output.getData());
            if (number < 0 || number >= messages) {
                throw new IllegalStateException(name + " wrote an output that is no order of the burst: "
                        + new String(output.getData(), java.nio.charset.StandardCharsets.UTF_8));
            }
            if (seen.get(number)) {
                duplicates++;
            } else {
                seen.set(number);
                distinct++;
            }
        }
        return duplicates;
    }

    /** Polls on until the function is back to {@code replicas} (at most {@link #SCALE_DOWN_WAIT}), for the chart. */
    private static void awaitReplicas(StatusPoller poller, int replicas) {
        long deadline = System.nanoTime() + SCALE_DOWN_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<ScaleTimeline.Polled> polled = poller.polled();
            if (!polled.isEmpty() && polled.get(polled.size() - 1).status().instances() <= replicas) {
                return;
            }
            ControlPlaneProcess.sleep(StatusPoller.INTERVAL.toMillis());
        }
    }

    private static void awaitExit(Set<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(process -> process.onExit()
                    .completeOnTimeout(process, REPLICA_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS).join());
        }
    }
}
