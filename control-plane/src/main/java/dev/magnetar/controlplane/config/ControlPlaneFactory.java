package dev.magnetar.controlplane.config;

import dev.magnetar.bridge.provision.PulsarTopicProvisioner;
import dev.magnetar.bridge.provision.TopicProvisioner;
import dev.magnetar.controlplane.packages.FunctionPackages;
import dev.magnetar.controlplane.packages.JarLocations;
import dev.magnetar.controlplane.packages.PackageDistribution;
import dev.magnetar.controlplane.packages.UploadedPackages;
import dev.magnetar.controlplane.store.FileFunctionStore;
import dev.magnetar.controlplane.store.FunctionStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.pulsar.client.admin.PulsarAdmin;

/**
 * The standalone control plane's parts: file store, local packages, Pulsar provisioning. Where the
 * replicas run comes from the mode's module (local processes, or the operator on Kubernetes).
 */
@Factory
public class ControlPlaneFactory {

    @Singleton
    public FunctionStore functionStore(ControlPlaneConfig config) {
        return new FileFunctionStore(config.functionsDir());
    }

    @Singleton
    public FunctionPackages functionPackages(ControlPlaneConfig config, AdminConfig admin) {
        return new FunctionPackages(config.packagesDir(), admin);
    }

    @Singleton
    public UploadedPackages uploadedPackages(ControlPlaneConfig config, AdminConfig admin) {
        return new UploadedPackages(config.uploadsDir(), admin);
    }

    @Singleton
    public JarLocations jarLocations(ControlPlaneConfig config, AdminConfig admin, PackageDistribution distribution) {
        return new JarLocations(config.packagesDir(), admin.allowedJarDirs(), distribution.pathsAreLocal());
    }

    @Singleton
    public PackageDistribution packageDistribution() {
        return PackageDistribution.LOCAL_FILE;
    }

    @Singleton
    public TopicProvisioner topicProvisioner(PulsarAdmin admin, ControlPlaneConfig config) {
        return new PulsarTopicProvisioner(admin, config.createNamespaces());
    }
}
