package dev.magnetar.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.ReplicaScaler;
import dev.magnetar.api.replicas.RolloutListener;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica processes of every function: each replica is a child JVM of the runtime, started
 * with the same command line a Kubernetes pod runs, reading its definition from a file under
 * {@code <dataDir>/run/<t.ns.name>/} ({@link RunFiles}). How many run is bounded ({@link ReplicaLimits});
 * they start in the background, and an update rolls out in the background ({@link DeployedFunction}).
 */
public final class LocalReplicas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalReplicas.class);
    private static final ObjectMapper SIGNATURE = FunctionDocuments.json().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ReplicaSettings settings;
    private final ReplicaLimits limits;
    private final ReplicaBudget budget;
    private final WarmPool<PooledRuntime> pool;
    private final LocalSecrets secrets;
    private final ScheduledExecutorService scheduler;
    private final StartQueue starts;
    private final ExecutorService rollouts;
    private final FunctionVersions versions;
    private final Map<String, DeployedFunction> deployed = new ConcurrentHashMap<>();
    private volatile RolloutListener listener = (failed, running, reason) -> { };
    private final Thread shutdownHook = new Thread(this::close, "magnetar-replicas-shutdown");
    private volatile boolean closed;
    private final CountDownLatch stoppedAll = new CountDownLatch(1);

    /** With the default limits, on this machine's memory. */
    public LocalReplicas(ReplicaSettings settings) {
        this(settings, ReplicaLimits.defaults());
    }

    public LocalReplicas(ReplicaSettings settings, ReplicaLimits limits) {
        this.settings = settings;
        this.limits = limits;
        this.pool = PooledRuntime.pool(settings, limits);
        this.budget = new ReplicaBudget(limits, pool.size(), PooledRuntime.memoryEach(settings, limits));
        this.starts = new StartQueue(limits.startInterval());
        this.secrets = new LocalSecrets(settings.secretsDir());
        this.versions = new FunctionVersions(settings, secrets, limits.machineMemory());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("magnetar-replica-supervisor"));
        this.rollouts = Executors.newCachedThreadPool(daemon("magnetar-rollout"));
        // Replicas are our children: they must not outlive this JVM, whatever way it ends.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
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
        if (ScalingPolicy.of(definition).map(policy -> policy.engine() == ScalingPolicy.Engine.KEDA).orElse(false)) {
            out.add(new Violation("spec.autoscaling.engine", "is 'keda': KEDA runs on Kubernetes only; standalone"
                    + " scales with its own autoscaler: remove the field or set it to 'magnetar'"));
        }
        out.addAll(secrets.check(definition.getSpec()));
        out.addAll(ReplicaResources.check(definition.getSpec().getResources()));
        out.addAll(budget.check(versions.demand(definition, function), othersThan(function.fqfn())));
        return out;
    }

    private List<ReplicaBudget.Demand> othersThan(String fqfn) {
        return deployed.entrySet().stream().filter(entry -> !entry.getKey().equals(fqfn))
                .map(entry -> entry.getValue().demand()).toList();
    }

    /** Puts the definition into effect; its replicas start, or an update rolls out, in the background. */
    public synchronized void apply(Function definition, ResolvedFunction function) {
        if (closed) {
            throw new IllegalStateException("the local replicas are closed; cannot run " + function.fqfn());
        }
        List<Violation> over = budget.check(versions.demand(definition, function), othersThan(function.fqfn()));
        if (!over.isEmpty()) {
            throw new IllegalStateException(over.get(0).toString());
        }
        DeployedFunction.Version version = versions.write(definition, function);
        DeployedFunction current = deployed.get(function.fqfn());
        if (current != null) {
            current.apply(version);
            return;
        }
        ReplicaGroup group = new ReplicaGroup(version.plan(), settings, scheduler, starts, pool);
        deployed.put(function.fqfn(), new DeployedFunction(version, group, versions.files(function.fqfn()),
                settings.readyTimeout(), rollouts, this::rolledBack));
        int starting = group.size();
        if (starting == 0) {
            LOG.info("function {}: deployed with no replica running (autoscaled: the first call or message starts one)",
                    function.fqfn());
        } else {
            LOG.info("function {}: {} replicas starting, one every {} ms", function.fqfn(), starting,
                    limits.startInterval().toMillis());
        }
    }

    /** {@code listener} hears of every update rolled back because its replicas were not ready in time. */
    public void listen(RolloutListener listener) {
        this.listener = listener;
    }

    private void rolledBack(Function failed, Function running, String reason) {
        listener.rolledBack(failed, running, reason);
    }

    public void remove(String fqfn) {
        DeployedFunction removed;
        synchronized (this) {
            removed = deployed.remove(fqfn);
        }
        if (removed != null) {
            removed.retire();
            versions.files(fqfn).delete();
            LOG.info("function {}: all replicas stopped", fqfn);
        }
    }

    /** Every autoscaled function with the count the autoscaler last gave it. */
    public List<ReplicaScaler.Autoscaled> autoscaled() {
        return deployed.values().stream().flatMap(function -> function.autoscaled().stream()).toList();
    }

    /** Moves an autoscaled function to {@code replicas} within its bounds; others and unknown ones are left alone. */
    public void scaleTo(String fqfn, int replicas) {
        DeployedFunction current = deployed.get(fqfn);
        if (current != null && !closed) {
            current.scaleTo(replicas);
        }
    }

    public void restart(String fqfn) {
        DeployedFunction current = deployed.get(fqfn);
        if (current != null) {
            current.group().restartAll();
        }
    }

    public void control(String fqfn, int instanceId, InstanceAction action) {
        DeployedFunction current = deployed.get(fqfn);
        if (current == null) {
            throw new IllegalArgumentException("function " + fqfn + " runs no replica here: it has no instance " + instanceId);
        }
        current.group().control(instanceId, action);
    }

    public List<InstanceStatus> status(String fqfn) {
        DeployedFunction current = deployed.get(fqfn);
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
            starts.close();
            pool.close();
            List<String> names = new ArrayList<>(deployed.keySet());
            names.parallelStream().forEach(fqfn -> deployed.remove(fqfn).retire());
            rollouts.shutdownNow();
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

    /** The warm pool its replicas start from. */
    WarmPool<PooledRuntime> pool() {
        return pool;
    }

    /**
     * The definition as replicas see it; a change in {@code replicas} or {@code autoscaling} alone is a scale, not an
     * update. Map
     * entries are sorted, so equal definitions give equal signatures whatever order their maps were filled in.
     * The jar's recorded digest is part of it: the same path with other bytes accepted is new code to roll out.
     */
    static String signature(Function definition) {
        ObjectNode spec = SIGNATURE.valueToTree(definition.getSpec());
        spec.remove("replicas");
        spec.remove("autoscaling");
        return definition.getMetadata().getName() + "\n" + spec + "\n" + packageSha256(definition);
    }

    /** The digest the control plane recorded for the definition's jar, or null. */
    static String packageSha256(Function definition) {
        return definition.getStatus() == null ? null : definition.getStatus().getPackageSha256();
    }
}
