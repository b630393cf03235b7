package dev.magnetar.controller.config;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bridge.provision.PulsarTopicProvisioner;
import dev.magnetar.bridge.provision.TopicProvisioner;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controller.orchestrator.ClassDataArchive;
import dev.magnetar.controller.orchestrator.LocalProcessOrchestrator;
import dev.magnetar.controller.orchestrator.Orchestrator;
import dev.magnetar.controller.orchestrator.ReplicaSettings;
import dev.magnetar.controller.orchestrator.RestartPolicy;
import dev.magnetar.controller.store.FileFunctionStore;
import dev.magnetar.controller.store.FunctionPackages;
import dev.magnetar.controller.store.PackageDistribution;
import dev.magnetar.controller.store.FunctionStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pulsar.client.admin.PulsarAdmin;

/** The standalone control plane's parts: file store, Pulsar provisioning, local replicas. */
@Factory
public class ControlPlaneFactory {

    @Singleton
    public FunctionStore functionStore(ControlPlaneConfig config) {
        return new FileFunctionStore(config.functionsDir());
    }

    @Singleton
    public FunctionPackages functionPackages(ControlPlaneConfig config, AdminConfig admin) {
        return new FunctionPackages(config.packagesDir(), admin.allowedJarDirs(), admin.downloadTimeout());
    }

    @Singleton
    public PackageDistribution packageDistribution() {
        return PackageDistribution.LOCAL_FILE;
    }

    @Singleton
    public TopicProvisioner topicProvisioner(PulsarAdmin admin, ControlPlaneConfig config) {
        return new PulsarTopicProvisioner(admin, config.createNamespaces());
    }

    @Singleton
    @Bean(preDestroy = "close")
    public Orchestrator orchestrator(ControlPlaneConfig config, ReplicaConfig replicas, PulsarConnection pulsar) {
        return new LocalProcessOrchestrator(replicaSettings(config, replicas, pulsar));
    }

    static ReplicaSettings replicaSettings(ControlPlaneConfig config, ReplicaConfig replicas, PulsarConnection pulsar) {
        Path jar = replicas.runtimeJar() != null ? replicas.runtimeJar() : Installation.current().runtimeJar();
        List<String> launcher = new ArrayList<>();
        launcher.add(Installation.javaExecutable().toString());
        launcher.addAll(replicas.jvmOptions());
        launcher.add("-jar");
        launcher.add(jar.toString());
        return new ReplicaSettings(launcher, pulsar.serviceUrl(), pulsar.authToken(), config.dataDir(),
                new RestartPolicy(replicas.restartInitial(), replicas.restartMax(), replicas.stableAfter()),
                replicas.stopGrace(), replicas.readyTimeout(), classData(config, replicas, launcher, jar));
    }

    /** The replicas' class data archive, unless turned off or the JVM options already choose one. */
    static ClassDataArchive classData(ControlPlaneConfig config, ReplicaConfig replicas, List<String> launcher, Path jar) {
        boolean chosenByOptions = replicas.jvmOptions().stream().anyMatch(option -> option.startsWith("-Xshare")
                || option.contains("SharedArchiveFile") || option.contains("ArchiveClassesAtExit")
                || option.contains("SharedClassListFile"));
        return replicas.classDataSharing() && !chosenByOptions
                ? ClassDataArchive.in(ReplicaSettings.classDataDir(config.dataDir()), launcher, jar)
                : ClassDataArchive.off();
    }
}
