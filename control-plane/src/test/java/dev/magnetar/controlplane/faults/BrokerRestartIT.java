package dev.magnetar.controlplane.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.launcher.BrokerOptions;
import dev.magnetar.standalone.launcher.BrokerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again on the same data while messages flow and gateway calls run, with a broker
 * of its own (the shared one serves every other test): replicas, the gateway and the control plane reconnect by
 * themselves, every message the broker accepted comes out of the function, and a call made while the broker is
 * away is answered within its deadline (503 with Retry-After while the gateway knows it is disconnected, else 504
 * at the deadline), never left hanging.
 */
class BrokerRestartIT {
    private static final String NAME = "survives-broker-restart";
    private static final long CALL_DEADLINE_MS = 3_000;
    /** What a call may take beyond its deadline: the HTTP round trip and the gateway's timer tick. */
    private static final long CALL_SLACK_MS = 1_500;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @TempDir
    Path temp;

    private record Call(long startedNanos, long tookMs, int status) {
    }

    @Test
    void replicasAndTheGatewayComeBackByThemselvesAndNothingAcceptedIsLost() throws Exception {
        BrokerProcess broker = BrokerProcess.start(BrokerOptions.ephemeral(temp.resolve("broker")));
        URI service = URI.create(broker.serviceUrl());
        URI admin = URI.create(broker.adminUrl());
        String in = "persistent://public/default/restart-in";
        String out = "persistent://public/default/restart-out";
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        long recoveredMs;
        try (PulsarClient client = PulsarClient.builder().serviceUrl(broker.serviceUrl()).build();
             Consumer<String> outputs = client.newConsumer(Schema.STRING).topic(out).subscriptionName("check")
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, temp.resolve("plane"),
                     new PulsarConnection(broker.serviceUrl(), broker.adminUrl())), Samples.allowJars())) {
            ControlPlaneClient control = new ControlPlaneClient(plane.url());
            assertThat(control.create(NAME, Samples.json(Samples.exclamation(in, out, 2))).statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(90)).until(() -> control.readyInstances(NAME) == 2);

            Producer<String> producer = client.newProducer(Schema.STRING).topic(in).sendTimeout(0, TimeUnit.SECONDS)
                    .create();
            Thread feeder = new Thread(() -> feed(producer, accepted, running), "feeder");
            feeder.start();
            Thread caller = new Thread(() -> call(plane.url(), calls, running), "caller");
            caller.start();
            Thread.sleep(2_000);

            broker.close();
            long downAt = System.nanoTime();
            Thread.sleep(OUTAGE.toMillis());
            long restarting = System.nanoTime();
            broker = BrokerProcess.start(new BrokerOptions(temp.resolve("broker"), "127.0.0.1", service.getPort(),
                    admin.getPort()));
            long restartedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> calls.stream().anyMatch(call -> call.startedNanos > restartedAt && call.status == 200));
            recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
            Thread.sleep(2_000);
            running.set(false);
            feeder.join();
            caller.join();
            producer.close();

            Set<String> seen = ConcurrentHashMap.newKeySet();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Message<String> message;
                while ((message = outputs.receive(100, TimeUnit.MILLISECONDS)) != null) {
                    outputs.acknowledge(message);
                    String value = message.getValue();
                    if (value.startsWith("m-")) {
                        seen.add(value.substring(0, value.length() - 1));
                    }
                }
                return seen.containsAll(accepted);
            });
            assertThat(accepted).as("messages accepted across the restart").hasSizeGreaterThan(100);
            List<Call> duringOutage = calls.stream().filter(call -> call.startedNanos >= downAt
                    && call.startedNanos < restarting).toList();
            assertThat(duringOutage).as("calls made while the broker was away").isNotEmpty()
                    .allSatisfy(call -> assertThat(call.status).isIn(503, 504))
                    .anySatisfy(call -> assertThat(call.status).isEqualTo(503))
                    .filteredOn(call -> call.status == 503)
                    .allSatisfy(call -> assertThat(call.tookMs).as("a 503 comes at once").isLessThan(1_000));
            assertThat(calls).as("every call answered within its deadline")
                    .allSatisfy(call -> assertThat(call.tookMs).isLessThanOrEqualTo(CALL_DEADLINE_MS + CALL_SLACK_MS));
            System.out.printf("broker restart: %d messages accepted, all processed; %d calls (%d while the broker was"
                            + " away: %s, slowest 503 in %d ms); first successful call %d ms after the broker was"
                            + " back%n", accepted.size(), calls.size(), duringOutage.size(),
                    duringOutage.stream().collect(java.util.stream.Collectors.groupingBy(Call::status,
                            java.util.TreeMap::new, java.util.stream.Collectors.counting())),
                    duringOutage.stream().filter(call -> call.status == 503).mapToLong(Call::tookMs).max().orElse(0),
                    recoveredMs);
        } finally {
            running.set(false);
            broker.close();
        }
    }

    /** Numbered messages, a few hundred a second; those the broker acknowledged are accepted. */
    private static void feed(Producer<String> producer, Set<String> accepted, AtomicBoolean running) {
        AtomicInteger next = new AtomicInteger();
        while (running.get()) {
            String id = "m-" + next.getAndIncrement();
            producer.sendAsync(id).thenRun(() -> accepted.add(id));
            sleep(5);
        }
        producer.flushAsync().join();
    }

    /** One call at a time through the gateway, each with its deadline, noting how long it took and its status. */
    private static void call(String base, List<Call> calls, AtomicBoolean running) {
        HttpClient http = HttpClient.newHttpClient();
        int n = 0;
        while (running.get()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/function/public/default/" + NAME))
                    .header("Content-Type", "text/plain").header("X-Magnetar-Timeout-Ms", Long.toString(CALL_DEADLINE_MS))
                    .timeout(Duration.ofMillis(CALL_DEADLINE_MS * 10))
                    .POST(HttpRequest.BodyPublishers.ofString("call-" + n++)).build();
            long started = System.nanoTime();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
                status = -1;
            }
            calls.add(new Call(started, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), status));
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
