package dev.magnetar.local;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm pool's bookkeeping: up to {@code size} generic members (JVMs of the runtime, {@link PooledRuntime}) kept
 * started and warm, so a replica that has to start takes one instead of booting a JVM. A member taken leaves the pool
 * for good (it becomes that replica's process, and nothing ever hands it out again); the pool starts another in the
 * background. Members start one at a time, the next a while after the previous one is warm, so the pool never boots
 * several JVMs at once beside the replicas. A member that dies before it is taken is replaced after the restart
 * policy's back-off. {@link #close} stops every member and starts none any more.
 *
 * @param <M> a member: {@link PooledRuntime}, or a stand-in in the pool's own tests
 */
final class WarmPool<M extends WarmPool.Member> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

    /** One generic JVM of the pool, as the bookkeeping sees it. */
    interface Member {
        long pid();

        /** Asks it to stop (SIGTERM); returns at once. */
        void requestStop();

        /** Returns once it has ended, killing it after the grace period. */
        void awaitStopped();
    }

    /** Starts one member, which tells {@code events} when it is warm and when it ended; it must not call them before it returns. */
    interface Launcher<M> {
        M launch(Events<M> events) throws IOException;
    }

    /** What a member tells the pool. */
    interface Events<M> {
        void warm(M member);

        /** It ended; {@code reason} says how (exit code, last error line). */
        void ended(M member, String reason);
    }

    private final int size;
    private final Launcher<M> launcher;
    private final ScheduledExecutorService scheduler;
    private final RestartPolicy backOff;
    private final Duration refillDelay;
    private final Events<M> events = new Events<>() {
        @Override
        public void warm(M member) {
            becameWarm(member);
        }

        @Override
        public void ended(M member, String reason) {
            memberEnded(member, reason);
        }
    };
    /** Members started and not warm yet (at most one), and when each was launched. */
    private final Map<M, Long> starting = new HashMap<>();
    /** Warm members, the longest-waiting first, and when each was launched. */
    private final Deque<M> warm = new ArrayDeque<>();
    private final Map<M, Long> launchedAt = new HashMap<>();
    private int consecutiveFailures;
    /**
     * The start scheduled next, if {@code fillPending}: the latest time asked for wins, so a back-off is never cut short
     * by a refill asked for meanwhile. A start superseded by a later one finds another generation and does nothing.
     */
    private boolean fillPending;
    private long fillGeneration;
    private long nextFillAt;
    private boolean closed;

    /**
     * @param size        how many members it keeps; 0 turns it off
     * @param scheduler   runs its starts; the pool's own, shut down when it closes
     * @param backOff     how long to wait before replacing a member that died
     * @param refillDelay the time between a member becoming warm or being taken and the start of the next
     */
    WarmPool(int size, Launcher<M> launcher, ScheduledExecutorService scheduler, RestartPolicy backOff,
             Duration refillDelay) {
        this.size = size;
        this.launcher = launcher;
        this.scheduler = scheduler;
        this.backOff = backOff;
        this.refillDelay = refillDelay;
    }

    /** A pool that keeps nothing: every replica starts a JVM of its own. */
    static <M extends Member> WarmPool<M> off() {
        return new WarmPool<>(0, events -> {
            throw new IOException("the warm pool is off");
        }, null, RestartPolicy.DEFAULT, Duration.ZERO);
    }

    /** A scheduler for a pool: one daemon thread. */
    static ScheduledExecutorService scheduler() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "magnetar-warm-pool");
            thread.setDaemon(true);
            return thread;
        });
    }

    int size() {
        return size;
    }

    /** Starts filling the pool in the background. */
    synchronized WarmPool<M> start() {
        scheduleFill(Duration.ZERO);
        return this;
    }

    /**
     * A warm member, which leaves the pool for good; null when none is warm (the caller starts a JVM of its own).
     * Another one starts after the refill delay.
     */
    synchronized M take() {
        M member = warm.pollFirst();
        if (member != null) {
            launchedAt.remove(member);
            scheduleFill(refillDelay);
        }
        return member;
    }

    /** The warm members, the one {@link #take} gives next first. */
    synchronized List<M> warmMembers() {
        return List.copyOf(warm);
    }

    /** Every member it holds, warm or starting. */
    synchronized List<M> members() {
        List<M> all = new ArrayList<>(starting.keySet());
        all.addAll(warm);
        return all;
    }

    /** Stops every member it holds, in parallel, and returns when they have ended; nothing starts any more. */
    @Override
    public void close() {
        List<M> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = members();
            starting.clear();
            warm.clear();
            launchedAt.clear();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        stopping.forEach(Member::requestStop);
        stopping.forEach(Member::awaitStopped);
    }

    private synchronized void fill(long generation) {
        if (generation != fillGeneration) {
            return;
        }
        fillPending = false;
        long now = System.nanoTime();
        if (closed || !starting.isEmpty() || warm.size() >= size) {
            return;
        }
        try {
            M member = launcher.launch(events);
            starting.put(member, now);
            launchedAt.put(member, now);
        } catch (IOException | RuntimeException e) {
            failed("could not be started: " + e.getMessage(), Duration.ZERO);
        }
    }

    private synchronized void becameWarm(M member) {
        if (starting.remove(member) == null) {
            return; // closed meanwhile
        }
        warm.addLast(member);
        LOG.debug("warm pool: JVM pid {} is warm ({} of {} warm)", member.pid(), warm.size(), size);
        scheduleFill(refillDelay);
    }

    private synchronized void memberEnded(M member, String reason) {
        Long launched = launchedAt.remove(member);
        if (launched == null) {
            return; // taken (it was a replica's), or stopped by close
        }
        starting.remove(member);
        warm.remove(member);
        failed("(pid " + member.pid() + ") ended before it was given a function: " + reason,
                Duration.ofNanos(System.nanoTime() - launched));
    }

    /** Called holding the lock. */
    private void failed(String what, Duration uptime) {
        consecutiveFailures = backOff.failuresAfterExit(consecutiveFailures, uptime);
        Duration delay = backOff.delay(consecutiveFailures);
        if (!closed) {
            LOG.warn("warm pool: a JVM {}; another starts in {} ms", what, delay.toMillis());
        }
        scheduleFill(delay);
    }

    /** Called holding the lock. */
    private void scheduleFill(Duration delay) {
        if (closed || size == 0) {
            return;
        }
        long at = System.nanoTime() + delay.toNanos();
        if (fillPending && at <= nextFillAt) {
            return;
        }
        long generation = ++fillGeneration;
        fillPending = true;
        nextFillAt = at;
        try {
            scheduler.schedule(() -> fill(generation), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            fillPending = false; // shutting down
        }
    }
}
