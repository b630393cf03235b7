package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.naming.FunctionNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the autoscaler runs in another process (the leading controller on Kubernetes), the gateway tells it of its
 * calls on {@link FunctionNames#gatewayCallsTopic}: at once when a call goes out (at most every
 * {@value #MIN_GAP_MS} ms per function), so a function at zero wakes without waiting for its backlog to show, and
 * every second while calls wait, so they count toward the in-flight target.
 */
public final class GatewayCallReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCallReports.class);
    static final long MIN_GAP_MS = 250;
    private static final Duration REPEAT = Duration.ofSeconds(1);

    private final PulsarClient client;
    private final String topic;
    private final GatewayCalls calls;
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "magnetar-gateway-call-reports");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Producer<byte[]> producer;

    public GatewayCallReports(PulsarClient client, String tenant, String namespace, GatewayCalls calls) {
        this.client = client;
        this.topic = FunctionNames.gatewayCallsTopic(tenant, namespace);
        this.calls = calls;
    }

    /** Reports every call from now on, and repeats the counts of functions with calls waiting. */
    public void start() {
        calls.onCall(fqfn -> timer.execute(() -> reportSoon(fqfn)));
        timer.scheduleWithFixedDelay(this::repeatWaiting, REPEAT.toMillis(), REPEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reportSoon(String fqfn) {
        long now = System.currentTimeMillis();
        Long last = lastSent.get(fqfn);
        if (last == null || now - last >= MIN_GAP_MS) {
            report(fqfn, now);
        }
    }

    private void repeatWaiting() {
        long now = System.currentTimeMillis();
        for (String fqfn : calls.functionsWaiting()) {
            report(fqfn, now);
        }
        lastSent.keySet().retainAll(calls.functionsWaiting());
    }

    private void report(String fqfn, long now) {
        try {
            producer().newMessage().key(fqfn).value(Integer.toString(Math.max(1, calls.waiting(fqfn)))
                    .getBytes(StandardCharsets.UTF_8)).sendAsync();
            lastSent.put(fqfn, now);
        } catch (PulsarClientException | RuntimeException e) {
            // The controller still sees the call in the backlog at its next look; only the early wake is lost.
            LOG.debug("gateway calls of {} not reported to the autoscaler: {}", fqfn, e.toString());
        }
    }

    private Producer<byte[]> producer() throws PulsarClientException {
        if (producer == null) {
            producer = client.newProducer().topic(topic).enableBatching(false).blockIfQueueFull(false).create();
        }
        return producer;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (producer != null) {
            producer.closeAsync();
        }
    }
}
