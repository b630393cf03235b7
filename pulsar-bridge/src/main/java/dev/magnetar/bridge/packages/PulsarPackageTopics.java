package dev.magnetar.bridge.packages;

import dev.magnetar.bridge.provision.ProvisioningException;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PackageTopics} on the Pulsar admin API. The deletion is forced: the keeper subscription
 * is there by design, and a replica still fetching the jar must not make the removal fail.
 */
public class PulsarPackageTopics implements PackageTopics {
    private static final Logger LOG = LoggerFactory.getLogger(PulsarPackageTopics.class);
    private final PulsarAdmin admin;

    public PulsarPackageTopics(PulsarAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void delete(String topic) {
        try {
            admin.topics().delete(topic, true);
            LOG.info("Deleted package topic {}", topic);
        } catch (PulsarAdminException.NotFoundException e) {
            LOG.debug("Package topic {} was already gone", topic);
        } catch (PulsarAdminException e) {
            throw new ProvisioningException("delete package topic " + topic, e);
        }
    }
}
