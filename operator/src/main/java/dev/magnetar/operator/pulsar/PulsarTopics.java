package dev.magnetar.operator.pulsar;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.bridge.packages.PackageTopics;
import dev.magnetar.bridge.provision.ProvisioningException;
import dev.magnetar.bridge.provision.TopicProvisioner;
import dev.magnetar.operator.reconciler.PartOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pulsar side of a function as an external dependent: ensure (topics and subscription),
 * delete (the subscription and the package topic, on cleanup) and observe (backlog), each turned
 * into a {@link PartOutcome} rather than an exception. Talks to Pulsar only through
 * {@link TopicProvisioner} and {@link PackageTopics}.
 */
public class PulsarTopics {
    private static final Logger LOG = LoggerFactory.getLogger(PulsarTopics.class);

    private final TopicProvisioner provisioner;
    private final PackageTopics packages;

    public PulsarTopics(TopicProvisioner provisioner, PackageTopics packages) {
        this.provisioner = provisioner;
        this.packages = packages;
    }

    /**
     * For functions whose jars are never kept in Pulsar: removing a package topic fails (and a
     * Function carrying {@code magnetar.dev/cleanup-package} stays Terminating, saying so).
     */
    public PulsarTopics(TopicProvisioner provisioner) {
        this(provisioner, topic -> {
            throw new UnsupportedOperationException("this controller was built without access to package topics;"
                    + " delete " + topic + " with pulsar-admin, then remove the finalizer");
        });
    }

    public PartOutcome ensure(ResolvedFunction function) {
        try {
            provisioner.ensure(function);
            return PartOutcome.ready(PartOutcome.TOPICS, "Provisioned", "topics and subscription '"
                    + function.subscriptionName() + "' exist");
        } catch (ProvisioningException e) {
            LOG.warn("Topics of {} not provisioned: {}", function.fqfn(), e.getMessage());
            return failure(PartOutcome.TOPICS, e);
        } catch (RuntimeException e) {
            LOG.warn("Topics of {} not provisioned", function.fqfn(), e);
            return PartOutcome.notReady(PartOutcome.TOPICS, "PulsarUnavailable", String.valueOf(e.getMessage()), true);
        }
    }

    public PartOutcome removeSubscription(ResolvedFunction function) {
        try {
            provisioner.removeSubscription(function);
            return PartOutcome.ready(PartOutcome.CLEANUP, "SubscriptionDeleted",
                    "subscription '" + function.subscriptionName() + "' deleted");
        } catch (ProvisioningException e) {
            LOG.warn("Subscription of {} not deleted: {}", function.fqfn(), e.getMessage());
            return failure(PartOutcome.CLEANUP, e);
        } catch (RuntimeException e) {
            LOG.warn("Subscription of {} not deleted", function.fqfn(), e);
            return PartOutcome.notReady(PartOutcome.CLEANUP, "PulsarUnavailable", String.valueOf(e.getMessage()), true);
        }
    }

    public PartOutcome removePackage(String topic) {
        try {
            packages.delete(topic);
            return PartOutcome.ready(PartOutcome.CLEANUP, "PackageDeleted", "package topic " + topic + " deleted");
        } catch (ProvisioningException e) {
            LOG.warn("Package topic {} not deleted: {}", topic, e.getMessage());
            return failure(PartOutcome.CLEANUP, e);
        } catch (RuntimeException e) {
            LOG.warn("Package topic {} not deleted", topic, e);
            return PartOutcome.notReady(PartOutcome.CLEANUP, "PulsarUnavailable", String.valueOf(e.getMessage()), true);
        }
    }

    /** Messages waiting for the function, or null when Pulsar does not say. */
    public Long backlog(ResolvedFunction function) {
        try {
            long backlog = provisioner.backlog(function);
            return backlog < 0 ? null : backlog;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static PartOutcome failure(String type, ProvisioningException e) {
        return e.retryable()
                ? PartOutcome.notReady(type, "PulsarUnavailable", e.getMessage(), true)
                : PartOutcome.notReady(type, "ProvisioningFailed", e.getMessage(), false);
    }
}
