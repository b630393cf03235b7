package dev.magnetar.runtime;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.RuntimeAssignment;
import dev.magnetar.api.launch.RuntimeLaunch;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.runtime.config.ClientSettings;
import dev.magnetar.runtime.config.ConfigurationException;
import dev.magnetar.runtime.config.PooledConfig;
import dev.magnetar.runtime.config.RuntimeConfig;
import dev.magnetar.runtime.http.RuntimeHttpServer;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM of standalone's warm pool before it has a function ({@code --assignment stdin}): it does now what every
 * replica start pays for and no function decides (loading and initializing the runtime's classes, building the Pulsar
 * client and connecting it), says so with {@link RuntimeLaunch#WAITING}, and waits for one line on standard input
 * that names its function. That JVM then runs the function as a normally launched replica does, and only that one.
 */
final class WarmStart implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);
    /** Non-persistent: nothing is stored, and the broker drops the topic once it is idle. The pid follows. */
    private static final String PROBE_TOPIC_PREFIX = "non-persistent://public/default/magnetar-warm-up-";
    private static final int PROBE_MESSAGES = 10;
    private static final long CONNECT_TIMEOUT_SECONDS = 10;
    /** Parsed, validated and resolved once, so the first real definition finds that code loaded. */
    private static final String REHEARSAL = """
            apiVersion: magnetar.dev/v1alpha1
            kind: Function
            metadata: {name: warm-up}
            spec:
              tenant: public
              namespace: default
              runtime: {className: warm.Up, jar: /warm-up.jar}
              inputs: [warm-up-in]
              output: warm-up-out
            """;

    private final PooledConfig config;
    private PulsarClient client;

    private WarmStart(PooledConfig config) {
        this.config = config;
    }

    /** Warms this JVM up and prints the waiting line; a stop of the parent stops it from now on. */
    static WarmStart begin(PooledConfig config, ShutdownSignal signal) {
        signal.stopWhenExits(config.parentPid());
        WarmStart warm = new WarmStart(config);
        long started = System.nanoTime();
        warm.connect();
        rehearse();
        LOG.info("Warm {} ms after its start ({} ms of warming up); waiting for a function",
                ManagementFactory.getRuntimeMXBean().getUptime(),
                (System.nanoTime() - started) / 1_000_000);
        System.out.println(RuntimeLaunch.WAITING);
        System.out.flush();
        return warm;
    }

    /**
     * Waits for the assignment; null when the JVM is to stop first (SIGTERM, the parent gone, or standard input
     * closed, which is how a pool that is gone looks).
     */
    RuntimeAssignment awaitAssignment(ShutdownSignal signal) throws InterruptedException {
        CompletableFuture<String> line = new CompletableFuture<>();
        daemon("magnetar-assignment", () -> {
            try {
                line.complete(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine());
            } catch (IOException e) {
                line.complete(null);
            }
        });
        daemon("magnetar-assignment-stop", () -> {
            try {
                signal.await();
            } catch (InterruptedException e) {
                return;
            }
            line.complete(null);
        });
        String read;
        try {
            read = line.get();
        } catch (ExecutionException e) {
            read = null;
        }
        if (read == null) {
            LOG.info("Stopping before any function was assigned");
            return null;
        }
        try {
            return RuntimeAssignment.parse(read.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * The client built while waiting, when it fits {@code assigned} (same broker and trust, and no token of the
     * function's own, which a client cannot take after it is built); null otherwise, and the replica builds its own.
     * The replica owns and closes what it gets.
     */
    PulsarClient clientFor(RuntimeConfig assigned) {
        PulsarClient warm = client;
        client = null;
        boolean fits = warm != null && (assigned.authToken() == null || assigned.authToken().isBlank())
                && assigned.pulsarUrl().equals(config.pulsarUrl()) && assigned.pulsarTrust().equals(config.pulsarTrust());
        if (fits) {
            return warm;
        }
        if (warm != null) {
            LOG.debug("The function brings its own Pulsar credentials: its replica builds a client of its own");
            warm.closeAsync();
        }
        return null;
    }

    @Override
    public void close() {
        if (client != null) {
            client.closeAsync();
            client = null;
        }
    }

    /**
     * Builds the client and rehearses a replica's traffic on a topic of its own that stores nothing (non-persistent):
     * a consumer and a producer, and a few messages between them. This connects to the broker and runs the client's
     * code a replica needs first. A broker that refuses (it wants a token, say) costs nothing but the attempt.
     */
    private void connect() {
        try {
            client = ClientSettings.builder(config).build();
        } catch (Exception e) {
            LOG.debug("No Pulsar client while waiting ({}); the replica builds one when it starts", e.toString());
            return;
        }
        String topic = PROBE_TOPIC_PREFIX + ProcessHandle.current().pid();
        CompletableFuture<Consumer<byte[]>> subscribing = client.newConsumer(Schema.BYTES).topic(topic)
                .subscriptionName("warm-up").subscribeAsync();
        CompletableFuture<Producer<byte[]>> creating = null;
        try {
            Consumer<byte[]> consumer = subscribing.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            creating = client.newProducer(Schema.BYTES).topic(topic).enableBatching(false).createAsync();
            Producer<byte[]> producer = creating.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (int i = 0; i < PROBE_MESSAGES; i++) {
                producer.sendAsync(new byte[] {(byte) i}).get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Message<byte[]> message = consumer.receive((int) CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (message != null) {
                    consumer.acknowledgeAsync(message);
                }
            }
        } catch (Exception e) {
            LOG.debug("The warm-up on {} did not finish ({}); the replica connects when it starts", topic, e.toString());
        } finally {
            // Also when one is made only after its wait ran out: nothing of the warm-up stays open in the replica.
            subscribing.thenAccept(Consumer::closeAsync);
            if (creating != null) {
                creating.thenAccept(Producer::closeAsync);
            }
        }
    }

    /** Runs the code a replica runs before its first message and no function decides: definitions, metrics, HTTP. */
    private static void rehearse() {
        try {
            var definition = FunctionDocuments.parse(REHEARSAL);
            FunctionValidator.requireValid(definition);
            ResolvedFunction function = ResolvedFunction.of(definition);
            RuntimeMetrics metrics = new RuntimeMetrics(function.fqfn(), 0);
            metrics.scrape();
            ExecutorService threads = Executors.newSingleThreadExecutor();
            try (RuntimeHttpServer http = RuntimeHttpServer.start(0, new RuntimeConfig.HttpAccess("127.0.0.1", null),
                    () -> false, metrics, null, threads)) {
                LOG.trace("Rehearsed the HTTP server on port {}", http.port());
            } finally {
                threads.shutdownNow();
            }
        } catch (Exception | LinkageError e) {
            LOG.debug("Warming up did not finish: {}; the replica does it when it starts", e.toString());
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
