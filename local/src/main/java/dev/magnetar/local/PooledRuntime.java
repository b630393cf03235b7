package dev.magnetar.local;

import dev.magnetar.api.launch.RuntimeAssignment;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generic JVM of the warm pool: the runtime started by the replicas' launcher with the options every replica
 * shares and no function ({@code --assignment stdin}), mapping the class data archive, warm and connected to the
 * broker. It holds no secret: its environment is a replica's without the function's settings. Given a function
 * ({@link #assign}) it becomes that replica's process for good; nothing gives it another, and it is never back in the
 * pool. Its output goes to {@code logs/warm-pool.log} until then, and to the replica's log after.
 */
final class PooledRuntime implements WarmPool.Member {
    private static final Logger LOG = LoggerFactory.getLogger(PooledRuntime.class);
    /** The pool takes at most this share of the memory for replicas; a larger size is reduced to fit. */
    static final int MEMORY_SHARE_DIVISOR = 4;
    /**
     * How long after a JVM was taken (or became warm) the next one starts: booting one takes about a processor-second,
     * which a replica that just took a warm JVM needs more, to load its function and answer its first messages.
     */
    static final Duration REFILL_DELAY = Duration.ofSeconds(2);

    private final Process process;
    private final Duration stopGrace;
    private ReplicaOutput output;
    private boolean assigned;

    private PooledRuntime(Process process, Duration stopGrace) {
        this.process = process;
        this.stopGrace = stopGrace;
    }

    /**
     * The warm pool of {@code settings.warmPoolSize()} JVMs, reduced so it takes at most a quarter of the memory the
     * limits leave for replicas; started filling in the background. Off when that is 0.
     */
    static WarmPool<PooledRuntime> pool(ReplicaSettings settings, ReplicaLimits limits) {
        long each = memoryEach(settings, limits);
        int size = sizeFor(settings.warmPoolSize(), each, limits.memoryForReplicas());
        if (size < settings.warmPoolSize()) {
            LOG.warn("warm pool: {} of {} each would take more than a quarter of the {} for replicas; keeping {}"
                    + " (magnetar.replicas.warm-pool-size)", ReplicaBudget.jvms(settings.warmPoolSize()),
                    JvmMemory.human(each), JvmMemory.human(limits.memoryForReplicas()), size);
        }
        if (size == 0) {
            return WarmPool.<PooledRuntime>off();
        }
        LOG.info("warm pool: keeping {} of the runtime started ({} each), so replicas start without booting one",
                ReplicaBudget.jvms(size), JvmMemory.human(each));
        WarmPool.Launcher<PooledRuntime> launcher = events -> start(settings, events);
        return new WarmPool<>(size, launcher, WarmPool.scheduler(), settings.restarts(),
                REFILL_DELAY).start();
    }

    /** What one JVM of the pool takes: the launcher's heap, as a replica that asks for no memory of its own. */
    static long memoryEach(ReplicaSettings settings, ReplicaLimits limits) {
        return JvmMemory.heapOf(settings.launcher(), limits.machineMemory());
    }

    /** {@code configured}, or fewer so that the pool takes at most a quarter of {@code memoryForReplicas}. */
    static int sizeFor(int configured, long memoryEach, long memoryForReplicas) {
        long fits = memoryEach <= 0 ? configured : memoryForReplicas / MEMORY_SHARE_DIVISOR / memoryEach;
        return (int) Math.max(0, Math.min(configured, fits));
    }

    private static PooledRuntime start(ReplicaSettings settings, WarmPool.Events<PooledRuntime> events)
            throws IOException {
        // It may be the JVM that writes the class data archive, when it ends: by the time it waits it has loaded most of
        // what a replica loads, and it is likely to become one.
        List<String> classData = settings.classData().jvmOptions();
        List<String> command = new ArrayList<>(settings.launcher());
        command.addAll(1, classData);
        command.addAll(LaunchPlan.sharedOptions(settings));
        command.addAll(Option.ASSIGNMENT.with(RuntimeAssignment.STDIN));
        ProcessBuilder builder = new ProcessBuilder(command);
        // A replica's environment without the function's settings: those come with the assignment.
        LaunchPlan.replicaEnvironment(builder.environment(), settings.pulsarTrust().environment());
        Process process = null;
        try {
            process = builder.start();
            settings.classData().started(classData, process);
            PooledRuntime runtime = new PooledRuntime(process, settings.stopGrace());
            runtime.output = ReplicaOutput.attachWaiting(process, settings.logDir().resolve("warm-pool.log"),
                    "a JVM of the warm pool", () -> events.warm(runtime));
            // Async: the pool is told only after this returns, even of a JVM that ended at once.
            process.onExit().thenRunAsync(() -> events.ended(runtime, runtime.exitReason()));
            LOG.debug("warm pool: JVM pid {} started", process.pid());
            return runtime;
        } catch (IOException e) {
            if (process != null) {
                process.destroyForcibly();
            } else {
                settings.classData().started(classData, null);
            }
            throw e;
        }
    }

    /** A warm JVM a replica took: its process, now the replica's, and its output, now going to the replica's log. */
    record Taken(Process process, ReplicaOutput output) {
    }

    /**
     * Takes a warm JVM of {@code pool} and makes it replica {@code instanceId} of {@code plan} ({@link #assign}), its
     * output headed by {@code header}; {@code onReady} gets the process and the port of its ready line. Null when the
     * plan cannot run in a warm JVM, none is warm, or the one taken ended meanwhile (then the replica boots its own).
     */
    static Taken take(WarmPool<PooledRuntime> pool, LaunchPlan plan, int instanceId, Path logFile, String header,
                      ObjIntConsumer<Process> onReady) {
        if (pool.size() == 0) {
            return null;
        }
        if (!plan.poolable()) {
            LOG.debug("function {}: replica {} boots a JVM of its own, not a warm one: its spec sets env, secrets or"
                    + " resources, which must be in place when a JVM starts", plan.fqfn(), instanceId);
            return null;
        }
        PooledRuntime pooled = pool.take();
        if (pooled == null) {
            return null;
        }
        try {
            return new Taken(pooled.process, pooled.assign(plan, instanceId, logFile, header + ", from the warm pool",
                    port -> onReady.accept(pooled.process, port)));
        } catch (IOException e) {
            pooled.process.destroyForcibly();
            LOG.info("function {}: replica {} could not take the warm JVM pid {} ({}); it boots one", plan.fqfn(),
                    instanceId, pooled.pid(), e.getMessage());
            return null;
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /**
     * Makes this JVM replica {@code instanceId} of {@code plan}: its output goes to {@code logFile} from now on, headed
     * by {@code header}, with {@code onReady} watching for the ready line; then the assignment is written to its
     * standard input, which is closed. Returns the output, now the replica's. Once only: a JVM runs one function.
     *
     * @throws IOException when the JVM has ended meanwhile; it cannot be given the function, and is no one's
     */
    private synchronized ReplicaOutput assign(LaunchPlan plan, int instanceId, Path logFile, String header, IntConsumer onReady)
            throws IOException {
        if (assigned) {
            throw new IllegalStateException("the JVM pid " + pid() + " of the warm pool was given a function"
                    + " already; a pooled JVM runs one function only");
        }
        assigned = true;
        output.moveTo(logFile, header, onReady);
        try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write(plan.assignment(instanceId).toLine());
            stdin.write('\n');
        }
        return output;
    }

    @Override
    public void requestStop() {
        GracefulStop.sigterm(process);
    }

    @Override
    public void awaitStopped() {
        GracefulStop.of(process, stopGrace, "a JVM of the warm pool");
    }

    private String exitReason() {
        output.awaitDrained();
        String lastLine = output.lastErrorLine();
        return "exit code " + process.exitValue() + (lastLine == null ? "" : ": " + lastLine);
    }
}
