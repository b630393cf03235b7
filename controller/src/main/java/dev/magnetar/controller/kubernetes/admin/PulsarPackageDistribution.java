package dev.magnetar.controller.kubernetes.admin;

import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.bridge.packages.PulsarPackagePublisher;
import dev.magnetar.controller.config.ControlPlaneFactory;
import dev.magnetar.controller.kubernetes.config.KubernetesModeConfig;
import dev.magnetar.controller.store.FunctionRef;
import dev.magnetar.controller.store.PackageDistribution;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * On Kubernetes the function's pods cannot read the control plane's disk: a received jar is
 * published into Pulsar, which every pod can read, and {@code spec.runtime.jar} names that package.
 */
@Singleton
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
@Replaces(value = PackageDistribution.class, factory = ControlPlaneFactory.class)
public class PulsarPackageDistribution implements PackageDistribution {
    private final PulsarPackagePublisher publisher;

    public PulsarPackageDistribution(PulsarClient client) {
        this.publisher = new PulsarPackagePublisher(client);
    }

    @Override
    public String locate(FunctionRef ref, Path stored) {
        String topic = PulsarPackage.topicOf(ref.tenant(), ref.namespace(), ref.name());
        return publisher.publish(topic, stored).location();
    }
}
