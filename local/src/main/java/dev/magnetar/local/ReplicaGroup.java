package dev.magnetar.local;

import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceStatus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of one function. Scaling touches only the replicas above or below the new count;
 * a new definition replaces the replicas one at a time, each waiting for its successor to be
 * ready, so the function keeps consuming during an update.
 */
final class ReplicaGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaGroup.class);

    private final ReplicaSettings settings;
    private final ScheduledExecutorService scheduler;
    private final StartQueue starts;
    /** Copy-on-write so status never waits for a rolling update holding the group's lock. */
    private final List<LocalReplica> replicas = new CopyOnWriteArrayList<>();
    private LaunchPlan plan;

    ReplicaGroup(LaunchPlan plan, ReplicaSettings settings, ScheduledExecutorService scheduler, StartQueue starts) {
        this.plan = plan;
        this.settings = settings;
        this.scheduler = scheduler;
        this.starts = starts;
    }

    /**
     * Adds replicas up to {@code count}, started by the start queue, and stops those at or above it; a replica
     * still waiting for its start is simply never started. A new replica whose id is in
     * {@code stopped} is added stopped (it was stopped alone before).
     */
    synchronized void scaleTo(int count, Set<Integer> stopped) {
        int before = replicas.size();
        while (replicas.size() < count) {
            LocalReplica replica = new LocalReplica(replicas.size(), plan, settings, scheduler, this::replicaReady);
            replicas.add(replica);
            if (stopped.contains(replica.instanceId())) {
                replica.requestStop();
                LOG.info("function {}: replica {} stays stopped (it was stopped alone; start it with its instance id)",
                        plan.fqfn(), replica.instanceId());
            } else {
                starts.submit(replica);
            }
        }
        List<LocalReplica> surplus = List.copyOf(replicas.subList(Math.min(count, replicas.size()), replicas.size()));
        replicas.removeAll(surplus);
        stop(surplus);
        if (before != count) {
            LOG.info("function {}: scaled from {} to {} replicas", plan.fqfn(), before, count);
        }
    }

    /** Replaces every running replica, one by one, with one started from {@code newPlan}. */
    synchronized void rollTo(LaunchPlan newPlan) {
        plan = newPlan;
        for (LocalReplica replica : List.copyOf(replicas)) {
            // A replica stopped alone takes the new plan and stays stopped: nothing to wait for.
            if (!replica.restartWith(newPlan) && !"STOPPED".equals(replica.status().state())) {
                LOG.warn("function {}: replica {} is not ready after {} s; updating the next one anyway",
                        newPlan.fqfn(), replica.instanceId(), settings.readyTimeout().toSeconds());
            }
        }
        LOG.info("function {}: {} replicas now run the new definition", newPlan.fqfn(), replicas.size());
    }

    /** Restarts every replica (stopped ones too), one by one, each waiting for its successor to be ready. */
    synchronized void restartAll() {
        for (LocalReplica replica : List.copyOf(replicas)) {
            if (!replica.restart()) {
                LOG.warn("function {}: replica {} is not ready after {} s; restarting the next one anyway",
                        plan.fqfn(), replica.instanceId(), settings.readyTimeout().toSeconds());
            }
        }
        LOG.info("function {}: {} replicas restarted", plan.fqfn(), replicas.size());
    }

    /** Stops, starts or restarts replica {@code instanceId} alone. */
    synchronized void control(int instanceId, InstanceAction action) {
        if (instanceId < 0 || instanceId >= replicas.size()) {
            throw new IllegalArgumentException("function " + plan.fqfn() + " has no instance " + instanceId
                    + ": its instances are 0 to " + (replicas.size() - 1));
        }
        LocalReplica replica = replicas.get(instanceId);
        switch (action) {
            case STOP -> replica.stop();
            case START -> replica.resume();
            case RESTART -> replica.restart();
        }
        LOG.info("function {}: replica {} {}", plan.fqfn(), instanceId, action.done());
    }

    /** Stops every replica for good, the starts still waiting included. */
    synchronized void stopAll() {
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

    /** Tells the user when the whole function is up, not only each replica. */
    private void replicaReady() {
        List<InstanceStatus> status = status();
        if (!status.isEmpty() && status.stream().allMatch(InstanceStatus::ready)) {
            LOG.info("function {}: {} replicas running", plan.fqfn(), status.size());
        }
    }

    List<InstanceStatus> status() {
        return replicas.stream().map(LocalReplica::status).toList();
    }
}
