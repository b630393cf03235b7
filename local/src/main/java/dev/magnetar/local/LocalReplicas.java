package dev.magnetar.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.StoppedInstances;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica processes of every function: each replica is a child JVM of the runtime, started
 * with the same command line a Kubernetes pod runs, reading the definition from
 * {@code <dataDir>/run/<t.ns.name>/function.yaml}.
 */
public final class LocalReplicas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalReplicas.class);
    private static final ObjectMapper SIGNATURE = FunctionDocuments.json().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ReplicaSettings settings;
    private final LocalSecrets secrets;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "magnetar-replicas-shutdown");
    private volatile boolean closed;
    private final CountDownLatch stoppedAll = new CountDownLatch(1);

    /** One function as currently run: its group and the definition its replicas were started from. */
    private record Deployed(ReplicaGroup group, String signature) {
    }

    public LocalReplicas(ReplicaSettings settings) {
        this.settings = settings;
        this.secrets = new LocalSecrets(settings.secretsDir());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "magnetar-replica-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        // Replicas are our children: they must not outlive this JVM, whatever way it ends.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public List<Violation> preflight(Function definition, ResolvedFunction function) {
        List<Violation> out = new ArrayList<>();
        String jar = function.jar();
        if (jar == null || jar.isBlank()) {
            out.add(new Violation("spec.runtime.jar", "is required in standalone mode: the absolute path of the function jar"));
        } else if (!Path.of(jar).isAbsolute()) {
            out.add(new Violation("spec.runtime.jar", "'" + jar + "' is a relative path: give an absolute path"
                    + " (the magnetar CLI makes --jar paths absolute)"));
        } else if (!Files.isRegularFile(Path.of(jar))) {
            out.add(new Violation("spec.runtime.jar", jar + " does not exist or is not a file: build the function"
                    + " jar or fix the path"));
        }
        out.addAll(secrets.check(definition.getSpec().getSecrets()));
        return out;
    }

    public synchronized void apply(Function definition, ResolvedFunction function) {
        if (closed) {
            throw new IllegalStateException("the local replicas are closed; cannot run " + function.fqfn());
        }
        String signature = signature(definition);
        Deployed current = deployed.get(function.fqfn());
        LaunchPlan plan = writePlan(definition, function);
        if (current == null) {
            ReplicaGroup group = new ReplicaGroup(plan, settings, scheduler);
            deployed.put(function.fqfn(), new Deployed(group, signature));
            group.scaleTo(function.replicas(), StoppedInstances.of(definition));
            LOG.info("function {}: {} replicas starting", function.fqfn(), function.replicas());
            return;
        }
        ReplicaGroup group = current.group();
        if (!current.signature().equals(signature)) {
            // Shrink first and grow last, so only replicas that stay are rolled.
            int keep = Math.min(function.replicas(), group.status().size());
            group.scaleTo(keep, Set.of());
            group.rollTo(plan);
            deployed.put(function.fqfn(), new Deployed(group, signature));
        }
        group.scaleTo(function.replicas(), StoppedInstances.of(definition));
    }

    public void remove(String fqfn) {
        Deployed removed;
        synchronized (this) {
            removed = deployed.remove(fqfn);
        }
        if (removed != null) {
            removed.group().stopAll();
            deleteRunDir(fqfn);
            LOG.info("function {}: all replicas stopped", fqfn);
        }
    }

    public void restart(String fqfn) {
        Deployed current = deployed.get(fqfn);
        if (current != null) {
            current.group().restartAll();
        }
    }

    public void control(String fqfn, int instanceId, InstanceAction action) {
        Deployed current = deployed.get(fqfn);
        if (current == null) {
            throw new IllegalArgumentException("function " + fqfn + " runs no replica here: it has no instance " + instanceId);
        }
        current.group().control(instanceId, action);
    }

    public List<InstanceStatus> status(String fqfn) {
        Deployed current = deployed.get(fqfn);
        return current == null ? List.of() : current.group().status();
    }

    /**
     * Stops every replica and returns when all have exited. A second caller (the shutdown hook and the
     * owner race on SIGTERM) waits for the first: whoever stops the broker next must not do it under
     * replicas still draining.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                awaitStoppedAll();
                return;
            }
            closed = true;
        }
        try {
            List<String> names = new ArrayList<>(deployed.keySet());
            names.parallelStream().forEach(fqfn -> deployed.remove(fqfn).group().stopAll());
            settings.classData().settle();
            scheduler.shutdownNow();
        } finally {
            stoppedAll.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook running.
        }
    }

    private void awaitStoppedAll() {
        try {
            stoppedAll.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The definition as replicas see it; a change in {@code replicas} alone is a scale, not an update. Map
     * entries are sorted, so equal definitions give equal signatures whatever order their maps were filled in.
     */
    static String signature(Function definition) {
        ObjectNode spec = SIGNATURE.valueToTree(definition.getSpec());
        spec.remove("replicas");
        return definition.getMetadata().getName() + "\n" + spec;
    }

    private LaunchPlan writePlan(Function definition, ResolvedFunction function) {
        String fileSafe = function.tenant() + "." + function.namespace() + "." + function.name();
        Path dir = settings.runDir().resolve(fileSafe);
        Path file = dir.resolve("function.yaml");
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".function", ".tmp");
            Files.writeString(temp, FunctionDocuments.toYaml(definition));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " for the replicas of " + function.fqfn()
                    + ": " + e.getMessage(), e);
        }
        Map<String, String> environment = new HashMap<>(function.env());
        environment.putAll(secrets.read(definition.getSpec().getSecrets()));
        if (settings.authToken() != null && !settings.authToken().isBlank()) {
            environment.put(Option.PULSAR_AUTH_TOKEN.variable(), settings.authToken());
        }
        return new LaunchPlan(function.fqfn(), fileSafe, file, environment);
    }

    private void deleteRunDir(String fqfn) {
        Path dir = settings.runDir().resolve(fqfn.replace('/', '.'));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not clean {}: {}", dir, e.getMessage());
        }
    }
}
