package dev.magnetar.bench.autoscale;

import dev.magnetar.bench.gateway.ControlPlaneProcess;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.FunctionCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;

/**
 * One side of the scale-from-zero scenario: its own control plane with a function at zero replicas until called,
 * reached through the gateway and through its input topic, and the wait until it is back at zero.
 */
final class ZeroSide implements AutoCloseable {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration ZERO_TIMEOUT = Duration.ofSeconds(60);

    private final String function;
    private final ControlPlaneProcess plane;
    private final Producer<byte[]> input;
    private final Consumer<byte[]> output;
    /** Replica processes seen since the last wait for zero: it waits for their exit too. */
    private final Set<Long> replicas = new HashSet<>();

    private ZeroSide(String function, ControlPlaneProcess plane, Producer<byte[]> input, Consumer<byte[]> output) {
        this.function = function;
        this.plane = plane;
        this.input = input;
        this.output = output;
    }

    /** Starts a control plane with a warm pool of {@code poolSize} and deploys {@code function} there, at zero. */
    static ZeroSide start(BenchContext context, Path dir, String function, FunctionCode code, int poolSize)
            throws IOException {
        ControlPlaneProcess plane = ControlPlaneProcess.start(context.installation(), context.serviceUrl(),
                context.adminUrl(), dir, ControlPlaneProcess.freePort(), context.jfr(), WarmPool.ofSize(poolSize));
        try {
            plane.deploy(ScalingFunctions.TENANT, ScalingFunctions.NAMESPACE, function,
                    ScalingFunctions.yaml(ScalingFunctions.scaledToZero(code, function)), 0);
            Consumer<byte[]> output = context.client().newConsumer(Schema.BYTES)
                    .topic(ScalingFunctions.outputTopic(function)).subscriptionName("bench")
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
            Producer<byte[]> input = context.client().newProducer(Schema.BYTES)
                    .topic(ScalingFunctions.inputTopic(function)).enableBatching(false).create();
            return new ZeroSide(function, plane, input, output);
        } catch (IOException | RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    /** One gateway call; milliseconds from sending the request to the whole reply. */
    double gatewayCallMillis(String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(plane.url() + ScalingFunctions.gatewayPath(function)))
                .timeout(CALL_TIMEOUT).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> reply = plane.send(request);
        long end = System.nanoTime();
        if (reply.statusCode() != 200 || !reply.body().equals(body + "!")) {
            throw new IllegalStateException(function + " answered " + reply.statusCode() + " '" + reply.body()
                    + "' to '" + body + "'");
        }
        noteReplicas();
        return (end - start) / 1e6;
    }

    /** One message on the input topic; milliseconds from sending it to receiving its output. */
    double topicMessageMillis(String body) throws IOException {
        // Outputs of earlier calls, if any, are not this message's.
        while (output.receive(0, TimeUnit.MILLISECONDS) != null) {
            continue;
        }
        long start = System.nanoTime();
        input.send(body.getBytes(StandardCharsets.UTF_8));
        long deadline = start + CALL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Message<byte[]> out = output.receive(1, TimeUnit.SECONDS);
            if (out != null && new String(out.getData(), StandardCharsets.UTF_8).equals(body + "!")) {
                long end = System.nanoTime();
                noteReplicas();
                return (end - start) / 1e6;
            }
        }
        throw new IllegalStateException(function + " gave no output for '" + body + "' within "
                + CALL_TIMEOUT.toSeconds() + " s; see the control plane's log");
    }

    /** Waits until the status shows the function idle with no replica, and every replica seen has exited. */
    void awaitZero() throws IOException {
        long deadline = System.nanoTime() + ZERO_TIMEOUT.toNanos();
        ScaleStatus status = status();
        while (!status.atZero()) {
            replicas.addAll(status.pids());
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(function + " is not back at zero after " + ZERO_TIMEOUT.toSeconds()
                        + " s: " + status);
            }
            ControlPlaneProcess.sleep(StatusPoller.INTERVAL.toMillis());
            status = status();
        }
        for (long pid : replicas) {
            ProcessHandle.of(pid).ifPresent(process -> process.onExit()
                    .completeOnTimeout(process, ZERO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join());
        }
        replicas.clear();
    }

    private void noteReplicas() throws IOException {
        replicas.addAll(status().pids());
    }

    private ScaleStatus status() throws IOException {
        return ScaleStatus.parse(plane.status(ScalingFunctions.TENANT, ScalingFunctions.NAMESPACE, function));
    }

    @Override
    public void close() {
        try {
            output.close();
            input.close();
        } catch (PulsarClientException e) {
            // The measurements are taken; a producer or consumer that fails to close changes none of them.
        } finally {
            plane.close();
        }
    }
}
