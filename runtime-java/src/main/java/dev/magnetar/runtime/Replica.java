package dev.magnetar.runtime;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.runtime.config.ClientSettings;
import dev.magnetar.runtime.config.RuntimeConfig;
import dev.magnetar.runtime.context.ClusterAccess;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.context.FunctionContext;
import dev.magnetar.runtime.http.RuntimeHttpServer;
import dev.magnetar.runtime.input.InputConsumer;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.loading.FunctionJar;
import dev.magnetar.runtime.loading.JarDigest;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.loading.PackageFetcher;
import dev.magnetar.runtime.logging.LogTopicAppender;
import dev.magnetar.runtime.loop.FunctionLoop;
import dev.magnetar.runtime.loop.MessageLoop;
import dev.magnetar.runtime.loop.Subscriber;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.runtime.schema.FunctionSchemas;
import dev.magnetar.runtime.schema.SchemaLookupException;
import dev.magnetar.runtime.schema.TopicSchemas;
import dev.magnetar.api.function.SchemaSettings;
import dev.magnetar.runtime.state.ReplicaState;
import dev.magnetar.runtime.state.StateCalls;
import dev.magnetar.runtime.window.WindowExecutor;
import dev.magnetar.runtime.window.WindowLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running replica: assembles the parts in order (load and initialize the function, open the
 * HTTP port, subscribe, start the loop) and takes them down in reverse on {@link #close()}.
 */
final class Replica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final RuntimeConfig config;
    private final ResolvedFunction function;
    private final ShutdownSignal signal;
    private final RuntimeMetrics metrics;
    private static final Duration PACKAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final long SCHEMA_LOOKUP_SECONDS = 10;
    private final ExecutorService workers;
    /** Unbounded so that slow /invoke calls never starve /healthz (a liveness probe would restart the pod). */
    private final ExecutorService httpThreads = Executors.newCachedThreadPool(daemonThreads("magnetar-http"));
    /** Built while a JVM of the warm pool waited for its function, or null: this replica builds its own. */
    private PulsarClient client;
    /** The function's own way to the cluster (Context.getPulsarAdmin, getPulsarClientBuilder). */
    private final ClusterAccess cluster;
    private Publisher publisher;
    private LogTopicAppender logTopic;
    private ReplicaState state;
    private LoadedFunction loaded;
    private RuntimeHttpServer http;
    private InputConsumer consumer;
    private MessageLoop loop;
    private volatile boolean ready;

    /** {@code client}: one built for this replica already (same broker, trust and credentials), which it owns now; or null. */
    Replica(RuntimeConfig config, ShutdownSignal signal, PulsarClient client) {
        this.config = config;
        this.client = client;
        this.cluster = ClusterAccess.of(config);
        this.function = config.resolved();
        this.signal = signal;
        this.metrics = new RuntimeMetrics(function.fqfn(), config.instanceId());
        this.workers = functionWorkers(function.concurrency());
    }

    /**
     * Runs synchronous invocations when more than one may run at once. A work-stealing pool, not a
     * thread per hand-off: its idle workers look for the next task before they park, so a fast
     * function is not charged a thread wake-up per message; {@code concurrency} bounds its threads.
     */
    private static ExecutorService functionWorkers(int concurrency) {
        AtomicInteger count = new AtomicInteger();
        return new ForkJoinPool(Math.max(1, concurrency), pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("magnetar-fn-" + count.incrementAndGet());
            return thread;
        }, null, true);
    }

    /** Returns true once serving; false when a stop was requested while starting. */
    boolean start() throws Exception {
        if (client == null) {
            client = client();
        }
        loaded = FunctionJar.load(JarDigest.verify(jar(), config.packageSha256()), function.className(),
                function.window() != null);
        FunctionSchemas schemas = schemas();
        if (schemas == null) {
            return false;
        }
        publisher = Publisher.forReplica(client, function.output(),
                FunctionLoop.receiverSendsEveryOutput(function, loaded.asynchronous()), schemas);
        if (function.logTopic() != null) {
            // Before initialize(): what the function logs while starting goes to the topic too.
            logTopic = LogTopicAppender.attach(client, function.logTopic(), function.fqfn(), function.fqfn(),
                    config.instanceId());
        }
        state = new ReplicaState(config.stateStorage(),
                new StateScope(function.tenant(), function.namespace(), function.name()));
        ContextResources resources = new ContextResources(function, version(), config.instanceId(), client, publisher,
                metrics, LoggerFactory.getLogger(function.fqfn()), System.getenv(), signal::crash, cluster,
                new StateCalls(state));
        loaded.initialize(FunctionContext.forLifecycle(resources));
        FunctionInvoker invoker = new FunctionInvoker(loaded, schemas, resources, workers, function.timeoutMs());
        http = RuntimeHttpServer.start(config.httpPort(), config.http(), () -> ready, metrics, invoker, httpThreads);
        LOG.info("Replica {} of {} ({} {}) serves HTTP on port {}", config.instanceName(), function.fqfn(),
                loaded.kind(), loaded.className(), http.port());
        consumer = new Subscriber(client, function, config.consumerName(), publisher, schemas.inputGroups(),
                TopicSchemas.of(client, SCHEMA_LOOKUP_SECONDS))
                .subscribe(signal::await);
        if (consumer == null) {
            return false;
        }
        loop = function.window() == null
                ? new FunctionLoop(consumer, invoker, publisher, metrics, function, signal::crash)
                : new WindowLoop(consumer, new WindowExecutor(loaded, resources, consumer, schemas,
                        System::currentTimeMillis),
                        function.window(), metrics, signal::crash);
        loop.start();
        ready = true;
        LOG.info("Replica {} of {} consumes {} as {} ({} subscription '{}', concurrency {})", config.instanceName(),
                function.fqfn(), function.inputs().isEmpty() ? function.topicsPattern() : function.inputs(),
                config.consumerName(), function.subscriptionType(), function.subscriptionName(), function.concurrency());
        return true;
    }

    /**
     * The input and output schemas, picked as Pulsar's function instance picks them, which looks up the topics' schemas:
     * retried while the broker is not reachable yet; a schema that does not fit the function stops the replica at
     * once with the reason. Null when a stop was requested while waiting.
     */
    private FunctionSchemas schemas() throws InterruptedException {
        SchemaSettings settings = SchemaSettings.of(config.function());
        long delay = 250;
        for (int attempt = 1; ; attempt++) {
            try {
                FunctionSchemas schemas = FunctionSchemas.choose(loaded, function, settings,
                        TopicSchemas.of(client, SCHEMA_LOOKUP_SECONDS));
                LOG.info("Function {} reads {} and writes {}", function.fqfn(), schemas.describeInputs(),
                        schemas.outputSchemaType());
                return schemas;
            } catch (SchemaLookupException e) {
                LOG.warn("{} (attempt {}); retrying in {} ms", e.getMessage(), attempt, delay);
            }
            if (signal.await(delay)) {
                return null;
            }
            delay = Math.min(5_000, delay * 2);
        }
    }

    int httpPort() {
        return http.port();
    }

    /** The jar file, fetched from Pulsar first when the function's jar is kept there. */
    private Path jar() {
        if (config.jarPackage() == null) {
            return config.jar();
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "magnetar-packages");
        Path jar = PackageFetcher.fetch(client, config.jarPackage(), dir, PACKAGE_TIMEOUT);
        LOG.info("Fetched the function jar {} from Pulsar into {}", config.jarPackage().location(), jar);
        return jar;
    }

    private PulsarClient client() throws PulsarClientException {
        return ClientSettings.builder(config).build();
    }

    private String version() {
        Long generation = config.function().getMetadata().getGeneration();
        return generation == null ? "0" : generation.toString();
    }

    /** Drain, then close in reverse order of start. Each step runs even when an earlier one failed. */
    @Override
    public void close() {
        ready = false;
        if (loop != null) {
            quietly("drain", () -> {
                boolean drained = loop.stop(config.drainTimeout());
                LOG.info(drained ? "All in-flight messages finished" : "{} messages still in flight after {}; they go"
                        + " back to the subscription for other replicas", loop.inFlight(), config.drainTimeout());
            });
        }
        if (consumer != null) {
            quietly("consumer", consumer::close);
        }
        if (loaded != null) {
            quietly("function close()", loaded::close);
        }
        if (state != null) {
            quietly("state", state::close);
        }
        if (logTopic != null) {
            quietly("log topic", logTopic::stop);
        }
        if (publisher != null) {
            quietly("producers", publisher::close);
        }
        quietly("function's admin client", cluster::close);
        if (client != null) {
            quietly("Pulsar client", client::close);
        }
        if (http != null) {
            quietly("HTTP server", http::close);
        }
        workers.shutdownNow();
        httpThreads.shutdownNow();
    }

    private static void quietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("Closing the {} failed: {}", what, e.toString());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
