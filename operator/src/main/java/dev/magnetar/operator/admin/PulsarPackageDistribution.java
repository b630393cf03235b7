package dev.magnetar.operator.admin;

import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.bridge.packages.PackageRetention;
import dev.magnetar.bridge.packages.PulsarPackagePublisher;
import dev.magnetar.controlplane.config.ControlPlaneFactory;
import dev.magnetar.controlplane.packages.PackageDistribution;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.operator.config.KubernetesModeConfig;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On Kubernetes the function's pods cannot read the control plane's disk: a received jar is
 * published into Pulsar, which every pod can read, and {@code spec.runtime.jar} names that package.
 * Once a function runs a new jar, its package topic keeps that one and the one before it; the
 * topic itself goes with the function (the reconciler's cleanup finalizer).
 */
@Singleton
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
@Replaces(value = PackageDistribution.class, factory = ControlPlaneFactory.class)
public class PulsarPackageDistribution implements PackageDistribution {
    private static final Logger LOG = LoggerFactory.getLogger(PulsarPackageDistribution.class);
    private final PulsarPackagePublisher publisher;
    private final PackageRetention retention;

    public PulsarPackageDistribution(PulsarClient client, PulsarAdmin admin) {
        this.publisher = new PulsarPackagePublisher(client);
        this.retention = new PackageRetention(client, admin);
    }

    @Override
    public String locate(FunctionRef ref, Path stored) {
        String topic = PulsarPackage.topicOf(ref.tenant(), ref.namespace(), ref.name());
        return publisher.publish(topic, stored).location();
    }

    /** A jar path names a file inside the function's image, which the control plane never reads. */
    @Override
    public boolean pathsAreLocal() {
        return false;
    }

    /** Only jars in the function's own package topic count; a jar elsewhere keeps nothing there. */
    @Override
    public void supersede(FunctionRef ref, String current, String previous) {
        String topic = PulsarPackage.topicOf(ref.tenant(), ref.namespace(), ref.name());
        try {
            Set<String> keep = new LinkedHashSet<>();
            Stream.of(current, previous).filter(PulsarPackage::isPackage).map(PulsarPackage::parse)
                    .filter(pkg -> pkg.topic().equals(topic)).forEach(pkg -> keep.add(pkg.sha256()));
            if (keep.isEmpty()) {
                return; // the function runs no jar of its topic: the topic goes when the function does
            }
            int dropped = retention.keepOnly(topic, keep);
            if (dropped > 0) {
                LOG.info("function {}: dropped {} old version(s) of its jar from {}, kept {}", ref, dropped, topic, keep);
            }
        } catch (RuntimeException e) {
            LOG.warn("function {}: old versions of its jar stay in {} for now: {}", ref, topic, e.getMessage());
        }
    }
}
