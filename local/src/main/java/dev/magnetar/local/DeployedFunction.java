package dev.magnetar.local;

import dev.magnetar.api.function.Quantities;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.replicas.ReplicaScaler;
import dev.magnetar.api.replicas.RolloutListener;
import dev.magnetar.api.replicas.StoppedInstances;
import dev.magnetar.api.v1alpha1.Function;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function as it runs here: the definition fully in effect ({@code stable}), the one its replicas are moving to
 * ({@code target}, the same outside an update), and its replicas. A new definition rolls out in the background
 * ({@link Rollout}); one whose replicas do not become ready in time is rolled back to {@code stable}, and the
 * listener hears of it. A change of the replica count alone is a scale, not an update.
 */
final class DeployedFunction implements Rollout.Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(DeployedFunction.class);

    /**
     * A definition as its replicas run it.
     *
     * @param policy how the autoscaler sizes it, or null when it runs the fixed count of its spec
     */
    record Version(Function definition, LaunchPlan plan, String signature, ReplicaBudget.Demand demand,
                   ScalingPolicy policy) {

        Set<Integer> stopped() {
            return StoppedInstances.of(definition);
        }
    }

    private final ReplicaGroup group;
    private final RunFiles files;
    private final Duration readyTimeout;
    private final Executor rollouts;
    private final RolloutListener listener;
    private Version stable;
    private Version target;
    /** The count the autoscaler last asked for; an autoscaled function starts at its minimum. */
    private int scaled;

    DeployedFunction(Version first, ReplicaGroup group, RunFiles files, Duration readyTimeout, Executor rollouts,
                     RolloutListener listener) {
        this.group = group;
        this.files = files;
        this.readyTimeout = readyTimeout;
        this.rollouts = rollouts;
        this.listener = listener;
        this.stable = first;
        this.target = first;
        this.scaled = first.policy() == null ? 0 : first.policy().minReplicas();
        group.scaleTo(replicas(first), first.stopped());
    }

    /** The replicas {@code version} asks for: its spec's count, or the autoscaler's within its bounds. */
    private int replicas(Version version) {
        return version.policy() == null ? version.demand().replicas() : version.policy().clamp(scaled);
    }

    /** The function with its policy and the autoscaler's count; empty when it runs a fixed count. */
    synchronized Optional<ReplicaScaler.Autoscaled> autoscaled() {
        return target.policy() == null ? Optional.empty() : Optional.of(new ReplicaScaler.Autoscaled(
                ResolvedFunction.of(target.definition()), target.policy(), replicas(target), coresEach(target)));
    }

    /**
     * Moves an autoscaled function to {@code count} replicas within its bounds; during a rollout only shrinking
     * applies at once, as for any scale, and the rest when the rollout settles.
     */
    synchronized void scaleTo(int count) {
        if (target.policy() == null) {
            return;
        }
        scaled = target.policy().clamp(count);
        boolean rolling = !stable.signature().equals(target.signature());
        group.scaleToWithoutWaiting(rolling ? Math.min(scaled, group.size()) : scaled, target.stopped());
    }

    ReplicaGroup group() {
        return group;
    }

    /** What its replicas take, as its latest definition asks. */
    synchronized ReplicaBudget.Demand demand() {
        return target.demand();
    }

    /** Puts {@code next} into effect: a scale at once, a new definition by a rollout in the background. */
    synchronized void apply(Version next) {
        boolean rolling = !stable.signature().equals(target.signature());
        if (next.signature().equals(target.signature())) {
            target = next;
            group.scaleTo(rolling ? Math.min(replicas(next), group.size()) : replicas(next), next.stopped());
            stable = rolling ? stable : next;
            return;
        }
        group.cancelRollout();
        // Shrink first and grow last, so only replicas that stay are rolled.
        group.scaleTo(Math.min(replicas(next), group.size()), Set.of());
        target = next;
        roll(!next.signature().equals(stable.signature()));
    }

    /** Moves the replicas to {@code target}; {@code mayFail}: roll back to {@code stable} when it is not ready in time. */
    private void roll(boolean mayFail) {
        group.useFor(target.plan());
        Rollout rollout = new Rollout(group, target.plan(), readyTimeout, mayFail, this);
        if (rollout.begin()) {
            LOG.info("function {}: rolling out the {} definition, one replica at a time", target.plan().fqfn(),
                    mayFail ? "new" : "previous");
            rollouts.execute(rollout);
        } else {
            settle();
        }
    }

    @Override
    public synchronized void rolledOut(Rollout rollout) {
        if (group.end(rollout)) {
            LOG.info("function {}: {} replicas run the {} definition", target.plan().fqfn(), group.size(),
                    target == stable ? "previous" : "new");
            settle();
        }
    }

    /** {@code target} is in effect: the replicas it asks for beyond those rolled are added, old files go. */
    private void settle() {
        stable = target;
        group.scaleTo(replicas(target), target.stopped());
        files.keepOnly(target.plan().functionFile());
    }

    /** Rolls back to {@code stable}: the new replicas stop, the old ones that were replaced come back. */
    @Override
    public void failed(Rollout rollout, String reason) {
        Version failed;
        Version running;
        synchronized (this) {
            if (!group.end(rollout)) {
                return;
            }
            failed = target;
            running = stable;
            target = stable;
            files.inEffect(running.definition());
            roll(false);
        }
        LOG.error("function {}: {}", running.plan().fqfn(), reason);
        listener.rolledBack(failed.definition(), running.definition(), reason);
    }

    /** The cores a replica of {@code version} asks for; 1 when it asks for none (it may use every core). */
    private static double coresEach(Version version) {
        var resources = version.definition().getSpec().getResources();
        Double cores = resources == null || resources.cpu() == null ? null : Quantities.cores(resources.cpu());
        return cores == null || cores <= 0 ? 1 : cores;
    }

    /** Stops every replica for good, and any rollout with them. */
    synchronized void retire() {
        group.stopAll();
    }
}
