package dev.magnetar.local;

import dev.magnetar.api.replicas.InstanceStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica slot of a function: a child JVM of the runtime and its supervisor. When the
 * process dies without being asked to, it is started again after the restart policy's back-off.
 * A start takes a warm JVM of the pool when the function can run in one and one is warm, and
 * boots a JVM of its own otherwise; either way the process is the replica's from then on.
 */
final class LocalReplica {
    private static final Logger LOG = LoggerFactory.getLogger(LocalReplica.class);

    private final int instanceId;
    private final ReplicaSettings settings;
    private final ScheduledExecutorService scheduler;
    private final WarmPool<PooledRuntime> pool;
    private final Runnable onReady;

    private LaunchPlan plan;
    private Process process;
    private ReplicaOutput output;
    private long startedAtNanos;
    /** When the first process was launched; restarts after a crash keep it. 0 until then. */
    private long firstStartNanos;
    private int consecutiveFailures;
    private boolean stopped;
    /** Stopped for good (scaled away, removed, replaced): nothing starts it again. */
    private boolean retired;
    private volatile String state = "STARTING";
    private volatile boolean ready;
    private volatile int httpPort = -1;
    private volatile int restarts;
    private volatile String lastError;

    /**
     * Starts take a warm JVM of {@code pool} when they can; {@code onReady} runs (outside the lock) each time a process
     * of this replica becomes ready.
     */
    LocalReplica(int instanceId, LaunchPlan plan, ReplicaSettings settings, ScheduledExecutorService scheduler,
            WarmPool<PooledRuntime> pool, Runnable onReady) {
        this.instanceId = instanceId;
        this.plan = plan;
        this.settings = settings;
        this.scheduler = scheduler;
        this.pool = pool;
        this.onReady = onReady;
    }

    int instanceId() {
        return instanceId;
    }

    /**
     * Starts a process unless one runs already (a scheduled restart and an update may race here) or the replica
     * is stopped; true when a process was launched.
     */
    synchronized boolean start() {
        if (stopped || retired || process != null) {
            return false;
        }
        if (firstStartNanos == 0) {
            firstStartNanos = System.nanoTime();
        }
        ready = false;
        httpPort = -1;
        if (startFromPool()) {
            return true;
        }
        Process started = null;
        List<String> options = settings.classData().jvmOptions();
        try {
            startedAtNanos = System.nanoTime();
            Process launched = plan.processFor(settings, instanceId, options).start();
            started = launched;
            process = launched;
            settings.classData().started(options, launched);
            output = ReplicaOutput.attach(launched, plan.logFile(settings, instanceId), header(),
                    port -> markReady(launched, port));
            // After a failure it stays RESTARTING until ready, as a crash-looping pod does: nothing can take calls.
            state = "RESTARTING".equals(state) ? state : "STARTING";
            launched.onExit().thenAccept(this::exited);
            LOG.info("function {}: replica {} started (pid {}), log {}", plan.fqfn(), instanceId, launched.pid(),
                    plan.logFile(settings, instanceId));
            return true;
        } catch (IOException e) {
            if (started != null) {
                started.destroyForcibly(); // its output has nowhere to go: do not leave it running unwatched
            }
            settings.classData().started(options, null);
            process = null;
            failed("could not be started: " + e.getMessage(), "cannot start: " + e.getMessage(), Duration.ZERO);
            return false;
        }
    }

    /**
     * Gives this replica a warm JVM of the pool, when its plan can run in one and one is warm; false to boot one.
     * Called holding the lock, so its ready line waits until the process is this replica's.
     */
    private boolean startFromPool() {
        startedAtNanos = System.nanoTime();
        PooledRuntime.Taken taken = PooledRuntime.take(pool, plan, instanceId, plan.logFile(settings, instanceId),
                header(), this::markReady);
        if (taken == null) {
            return false;
        }
        process = taken.process();
        output = taken.output();
        state = "RESTARTING".equals(state) ? state : "STARTING";
        process.onExit().thenAccept(this::exited);
        LOG.info("function {}: replica {} started in a warm JVM of the pool (pid {}), log {}", plan.fqfn(), instanceId,
                process.pid(), plan.logFile(settings, instanceId));
        return true;
    }

    private String header() {
        return "replica " + instanceId + " of " + plan.fqfn();
    }

    /** Stops the current process and starts one from {@code newPlan}; returns when it is ready or timed out. */
    boolean restartWith(LaunchPlan newPlan) {
        Process old;
        synchronized (this) {
            plan = newPlan;
            old = process;
            process = null;
        }
        terminate(old);
        start();
        return awaitReady(settings.readyTimeout());
    }

    /** Stops the current process (if any) and starts a new one from the current plan. */
    boolean restart() {
        LaunchPlan current;
        synchronized (this) {
            if (retired) {
                return false;
            }
            stopped = false;
            current = plan;
        }
        return restartWith(current);
    }

    /** Starts a replica stopped by {@link #stop}; one that runs is left alone. */
    void resume() {
        synchronized (this) {
            stopped = false;
        }
        start();
    }

    /** Stops the process for good: SIGTERM, then a kill after the grace period. */
    void stop() {
        awaitStopped(requestStop());
    }

    /** Stops the replica for good, as {@link #requestStop} does; no restart or resume starts it again. */
    synchronized Process retire() {
        retired = true;
        return requestStop();
    }

    /** Marks the replica stopped and sends SIGTERM; returns the process to wait for, or null. */
    synchronized Process requestStop() {
        stopped = true;
        Process old = process;
        process = null;
        state = "STOPPED";
        ready = false;
        notifyAll();
        if (old != null) {
            sigterm(old);
        }
        return old;
    }

    void awaitStopped(Process old) {
        terminate(old);
    }

    /**
     * Waits until this replica is ready or stopped, or {@code timeout} has passed since its first process was
     * launched: a start waiting in the start queue does not count, restarts after a crash do not reset the clock.
     * True when it is ready.
     */
    boolean awaitReadySinceFirstStart(Duration timeout) {
        try {
            synchronized (this) {
                while (!ready && !stopped) {
                    long waited = firstStartNanos == 0 ? 0 : System.nanoTime() - firstStartNanos;
                    if (waited >= timeout.toNanos()) {
                        return false;
                    }
                    wait(Math.max(1, Math.min(100, (timeout.toNanos() - waited) / 1_000_000)));
                }
                return ready;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ready && System.nanoTime() < deadline) {
                synchronized (this) {
                    if (stopped || process == null) {
                        return false;
                    }
                    wait(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ready;
    }

    synchronized LaunchPlan plan() {
        return plan;
    }

    /** The definition this replica's next process starts from; the one running now is left alone. */
    synchronized void retarget(LaunchPlan newPlan) {
        plan = newPlan;
    }

    synchronized boolean isRetired() {
        return retired;
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    Path logFile() {
        return plan().logFile(settings, instanceId);
    }

    InstanceStatus status() {
        Process current;
        synchronized (this) {
            current = process;
        }
        long pid = current != null && current.isAlive() ? current.pid() : -1;
        return new InstanceStatus(instanceId, state, pid, restarts, ready && pid > 0, lastError, httpPort);
    }

    private void markReady(Process started, int port) {
        long startMillis;
        synchronized (this) {
            if (started != process) {
                return;
            }
            httpPort = port;
            ready = true;
            state = "RUNNING";
            startMillis = (System.nanoTime() - startedAtNanos) / 1_000_000;
            notifyAll();
        }
        LOG.info("function {}: replica {} ready (pid {}, http port {}) {} ms after its start", plan.fqfn(), instanceId,
                started.pid(), port, startMillis);
        onReady.run();
    }

    private void exited(Process exited) {
        ReplicaOutput exitedOutput;
        synchronized (this) {
            if (exited != process) {
                return;
            }
            exitedOutput = output;
        }
        exitedOutput.awaitDrained();
        String lastLine = exitedOutput.lastErrorLine();
        String error = "exit code " + exited.exitValue() + (lastLine == null ? "" : ": " + lastLine);
        synchronized (this) {
            if (exited == process) {
                process = null;
                failed("exited with code " + exited.exitValue(), error,
                        Duration.ofNanos(System.nanoTime() - startedAtNanos));
            }
        }
    }

    /** Records why the replica is down and schedules its restart. Called holding the lock. */
    private void failed(String what, String error, Duration uptime) {
        ready = false;
        lastError = error;
        consecutiveFailures = settings.restarts().failuresAfterExit(consecutiveFailures, uptime);
        Duration delay = settings.restarts().delay(consecutiveFailures);
        state = "RESTARTING";
        notifyAll();
        LOG.warn("function {}: replica {} {}, restarting in {} (last error: {}; log {})", plan.fqfn(), instanceId,
                what, human(delay), error, plan.logFile(settings, instanceId));
        scheduler.schedule(this::restartAfterFailure, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restartAfterFailure() {
        synchronized (this) {
            if (stopped || process != null) {
                return;
            }
            restarts++;
        }
        start();
    }

    private static String human(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : delay.toMillis() + " ms";
    }

    private static void sigterm(Process process) {
        GracefulStop.sigterm(process);
    }

    private void terminate(Process old) {
        GracefulStop.of(old, settings.stopGrace(), "function " + plan().fqfn() + ": replica " + instanceId);
    }
}
