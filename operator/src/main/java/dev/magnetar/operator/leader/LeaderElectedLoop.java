package dev.magnetar.operator.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link LeaderWork} (the reconcile loop and the autoscaler) only while this replica holds the Lease
 * (fabric8's {@code LeaderElector}). Losing the lease closes the work at once, before anyone else can take
 * over; the replica then stands as a candidate again with fresh work. Closing releases the lease
 * so another replica takes over without waiting for it to expire.
 */
public class LeaderElectedLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElectedLoop.class);

    private final KubernetesClient client;
    private final Supplier<? extends LeaderWork> loops;
    private final LeaderSettings settings;
    private LeaderWork running;
    private CompletableFuture<?> election;
    private boolean closed;

    public LeaderElectedLoop(KubernetesClient client, Supplier<? extends LeaderWork> loops, LeaderSettings settings) {
        this.client = client;
        this.loops = loops;
        this.settings = settings;
    }

    public synchronized void start() {
        if (!settings.enabled()) {
            LOG.info("Leader election is off: reconciling as the only controller");
            lead();
            return;
        }
        stand();
    }

    /** True while this replica reconciles. */
    public synchronized boolean isLeading() {
        return running != null;
    }

    @Override
    public void close() {
        CompletableFuture<?> stopping;
        synchronized (this) {
            closed = true;
            stopping = election;
        }
        if (stopping != null) {
            stopping.cancel(true); // releases the lease (releaseOnCancel)
        }
        stopLeading();
    }

    private synchronized void stand() {
        if (closed) {
            return;
        }
        LOG.info("Standing for leader on Lease {}/{} as {}", settings.leaseNamespace(), settings.leaseName(),
                settings.identity());
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName(settings.leaseName())
                        .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), settings.identity()))
                        .withLeaseDuration(settings.leaseDuration())
                        .withRenewDeadline(settings.renewDeadline())
                        .withRetryPeriod(settings.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::lead, this::stopLeading,
                                leader -> LOG.info("Leader of {} is now {}", settings.leaseName(), leader)))
                        .build())
                .build().start();
        // The elector ends when leadership is lost; stand again (unless closing).
        election.whenComplete((ignored, error) -> stand());
    }

    private synchronized void lead() {
        if (closed || running != null) {
            return;
        }
        LOG.info("{} leads: reconciling Function resources", settings.identity());
        running = loops.get();
        running.start();
    }

    private void stopLeading() {
        LeaderWork stopping;
        synchronized (this) {
            stopping = running;
            running = null;
        }
        if (stopping != null) {
            LOG.info("{} is no longer leader: stopped reconciling", settings.identity());
            stopping.close();
        }
    }
}
