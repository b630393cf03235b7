package dev.magnetar.local;

import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of one function: one per instance id, and during a {@link Rollout} the new replica that is to take
 * over one of them. Scaling touches only the replicas above or below the new count.
 */
final class ReplicaGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaGroup.class);

    private final ReplicaSettings settings;
    private final ScheduledExecutorService scheduler;
    private final StartQueue starts;
    private final WarmPool<PooledRuntime> pool;
    /** Copy-on-write so status never waits for the group's lock. */
    private final List<LocalReplica> replicas = new CopyOnWriteArrayList<>();
    /** The new replicas of the rollout in progress, each started beside the one it replaces. */
    private final List<LocalReplica> incoming = new CopyOnWriteArrayList<>();
    private LaunchPlan plan;
    private Rollout rollout;

    ReplicaGroup(LaunchPlan plan, ReplicaSettings settings, ScheduledExecutorService scheduler, StartQueue starts,
                 WarmPool<PooledRuntime> pool) {
        this.plan = plan;
        this.settings = settings;
        this.scheduler = scheduler;
        this.starts = starts;
        this.pool = pool;
    }

    /**
     * Adds replicas up to {@code count}, started by the start queue, and stops those at or above it, with any new
     * replica meant to replace them; a replica still waiting for its start is simply never started. A new replica
     * whose id is in {@code stopped} is added stopped (it was stopped alone before).
     */
    synchronized void scaleTo(int count, Set<Integer> stopped) {
        stop(resize(count, stopped));
    }

    /**
     * As {@link #scaleTo}, but returns once the surplus replicas were told to stop: they drain in the background, so
     * the autoscaler's next decision does not wait for them.
     */
    synchronized void scaleToWithoutWaiting(int count, Set<Integer> stopped) {
        List<LocalReplica> surplus = resize(count, stopped);
        if (surplus.isEmpty()) {
            return;
        }
        List<Process> stopping = surplus.stream().map(LocalReplica::retire).toList();
        Thread waiter = new Thread(() -> {
            for (int i = 0; i < stopping.size(); i++) {
                surplus.get(i).awaitStopped(stopping.get(i));
            }
        }, "magnetar-scale-down-" + plan.fqfn());
        waiter.setDaemon(true);
        waiter.start();
    }

    /** Adds replicas up to {@code count} and takes those above it out of the group; returns the ones taken out. */
    private List<LocalReplica> resize(int count, Set<Integer> stopped) {
        int before = replicas.size();
        while (replicas.size() < count) {
            LocalReplica replica = new LocalReplica(replicas.size(), plan, settings, scheduler, pool, this::replicaReady);
            replicas.add(replica);
            if (stopped.contains(replica.instanceId())) {
                replica.requestStop();
                LOG.info("function {}: replica {} stays stopped (it was stopped alone; start it with its instance id)",
                        plan.fqfn(), replica.instanceId());
            } else {
                starts.submit(replica);
            }
        }
        List<LocalReplica> surplus = new ArrayList<>(replicas.subList(Math.min(count, replicas.size()), replicas.size()));
        surplus.addAll(incoming.stream().filter(replica -> replica.instanceId() >= count).toList());
        replicas.removeAll(surplus);
        incoming.removeAll(surplus);
        if (before != count) {
            LOG.info("function {}: scaled from {} to {} replicas", plan.fqfn(), before, count);
        }
        return surplus;
    }

    int size() {
        return replicas.size();
    }

    /** The definition replicas added from now on start from. */
    synchronized void useFor(LaunchPlan newPlan) {
        plan = newPlan;
    }

    /**
     * Makes {@code next} the group's rollout and starts its first new replica; false (and no rollout) when no
     * replica runs another definition. A replica stopped alone only takes the new definition.
     */
    synchronized boolean begin(Rollout next) {
        rollout = next;
        if (startNext(next) == null) {
            rollout = null;
            return false;
        }
        return true;
    }

    /** The new replica {@code current} waits for first, or null when it is no longer the group's rollout. */
    synchronized LocalReplica firstIncoming(Rollout current) {
        return rollout == current && !incoming.isEmpty() ? incoming.get(0) : null;
    }

    /** Ends the rollout in progress, if any, and stops its new replicas. */
    synchronized void cancelRollout() {
        rollout = null;
        List<LocalReplica> dropped = List.copyOf(incoming);
        incoming.clear();
        stop(dropped);
    }

    /** Ends {@code finished} if it is still the group's rollout; false when another took its place or it was cancelled. */
    synchronized boolean end(Rollout finished) {
        if (rollout != finished) {
            return false;
        }
        cancelRollout();
        return true;
    }

    /**
     * Puts {@code ready} in the place of the replica it was started to replace, stops that one, and starts the
     * next new replica of {@code current}, all at once, so the status never shows a finished rollout too early.
     * Returns the next new replica, or null when none is left or {@code current} is no longer the group's rollout.
     */
    LocalReplica promote(Rollout current, LocalReplica ready) {
        LocalReplica replaced = null;
        LocalReplica next;
        synchronized (this) {
            if (rollout != current) {
                return null;
            }
            if (incoming.remove(ready) && !ready.isRetired() && ready.instanceId() < replicas.size()) {
                replaced = replicas.set(ready.instanceId(), ready);
            }
            next = startNext(current);
        }
        if (replaced != null) {
            replaced.awaitStopped(replaced.retire());
        }
        return next;
    }

    /** The next replica that runs another definition gets a new one beside it; the returned one, or null. */
    private LocalReplica startNext(Rollout current) {
        for (LocalReplica replica : replicas) {
            if (replica.plan().equals(current.target())) {
                continue;
            }
            if (replica.isStopped()) {
                replica.retarget(current.target());
                continue;
            }
            LocalReplica next = new LocalReplica(replica.instanceId(), current.target(), settings, scheduler, pool,
                    this::replicaReady);
            incoming.add(next);
            starts.submit(next);
            return next;
        }
        return null;
    }

    /** Restarts every replica (stopped ones too), one by one, each waiting for its successor to be ready. */
    void restartAll() {
        for (LocalReplica replica : List.copyOf(replicas)) {
            if (!replica.restart() && !replica.isRetired()) {
                LOG.warn("function {}: replica {} is not ready after {} s; restarting the next one anyway",
                        plan.fqfn(), replica.instanceId(), settings.readyTimeout().toSeconds());
            }
        }
        LOG.info("function {}: {} replicas restarted", plan.fqfn(), replicas.size());
    }

    /** Stops, starts or restarts replica {@code instanceId} alone; a stop also drops the new replica meant to replace it. */
    synchronized void control(int instanceId, InstanceAction action) {
        if (instanceId < 0 || instanceId >= replicas.size()) {
            throw new IllegalArgumentException("function " + plan.fqfn() + " has no instance " + instanceId
                    + ": its instances are 0 to " + (replicas.size() - 1));
        }
        LocalReplica replica = replicas.get(instanceId);
        switch (action) {
            case STOP -> {
                List<LocalReplica> replacing = incoming.stream().filter(r -> r.instanceId() == instanceId).toList();
                incoming.removeAll(replacing);
                stop(replacing);
                replica.stop();
            }
            case START -> replica.resume();
            case RESTART -> replica.restart();
        }
        LOG.info("function {}: replica {} {}", plan.fqfn(), instanceId, action.done());
    }

    /** Stops every replica for good, the starts still waiting and any rollout included. */
    synchronized void stopAll() {
        cancelRollout();
        List<LocalReplica> all = List.copyOf(replicas);
        replicas.clear();
        stop(all);
    }

    /** All get SIGTERM at once, so they drain in parallel. */
    private static void stop(List<LocalReplica> replicas) {
        List<Process> stopping = replicas.stream().map(LocalReplica::retire).toList();
        for (int i = 0; i < stopping.size(); i++) {
            replicas.get(i).awaitStopped(stopping.get(i));
        }
    }

    /** Tells the user when the whole function is up, not only each replica (a rollout says so itself). */
    private void replicaReady() {
        List<InstanceStatus> status = status();
        if (incoming.isEmpty() && !status.isEmpty() && status.stream().allMatch(InstanceStatus::ready)) {
            LOG.info("function {}: {} replicas running", plan.fqfn(), status.size());
        }
    }

    /** One entry per replica by instance id; during a rollout the new replica follows the one it replaces. */
    List<InstanceStatus> status() {
        List<InstanceStatus> status = new ArrayList<>(replicas.stream().map(LocalReplica::status).toList());
        incoming.stream().map(LocalReplica::status).forEach(status::add);
        status.sort(Comparator.comparingInt(InstanceStatus::instanceId));
        return status;
    }
}
