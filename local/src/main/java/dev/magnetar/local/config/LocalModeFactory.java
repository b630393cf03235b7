package dev.magnetar.local.config;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.bridge.provision.TopicProvisioner;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.local.ClassDataArchive;
import dev.magnetar.local.LocalFunctionReplicas;
import dev.magnetar.local.LocalReplicas;
import dev.magnetar.local.ReplicaLimits;
import dev.magnetar.local.ReplicaSettings;
import dev.magnetar.local.RestartPolicy;
import dev.magnetar.security.replica.ReplicaAccess;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Standalone mode's replicas, the default wherever this module is on the class path; Kubernetes
 * mode replaces them with the operator's.
 */
@Factory
public class LocalModeFactory {
    /** The control plane's data directory; replicas keep {@code run/}, {@code logs/}, {@code secrets/} and {@code cds/} in it. */
    public static final String DATA_DIR_PROPERTY = "magnetar.data-dir";

    @Singleton
    @Bean(preDestroy = "close")
    public FunctionReplicas functionReplicas(TopicProvisioner topics, ReplicaConfig replicas, ReplicaLimitsConfig limits,
                                             PulsarConnection pulsar, ReplicaAccess access,
                                             @Property(name = DATA_DIR_PROPERTY) Path dataDir,
                                             @Nullable @Property(name = StateStorageSettings.URL_PROPERTY)
                                             String stateStorageUrl,
                                             @Nullable @Property(name = StateStorageSettings.UNAVAILABLE_PROPERTY)
                                             String stateUnavailable) {
        return new LocalFunctionReplicas(topics, new LocalReplicas(
                replicaSettings(dataDir.toAbsolutePath().normalize(), replicas, pulsar, access)
                        .withStateStorage(new StateStorageSettings(stateStorageUrl, stateUnavailable)),
                limits.on(ReplicaLimits.physicalMemory())));
    }

    static ReplicaSettings replicaSettings(Path dataDir, ReplicaConfig replicas, PulsarConnection pulsar,
                                           ReplicaAccess access) {
        Path jar = replicas.runtimeJar() != null ? replicas.runtimeJar() : Installation.current().runtimeJar();
        List<String> launcher = new ArrayList<>();
        launcher.add(Installation.javaExecutable().toString());
        launcher.addAll(replicas.jvmOptions());
        launcher.add("-jar");
        launcher.add(jar.toString());
        // The URLs and the trust only: the control plane's credentials (its token or client certificate) never reach a
        // function, which brings its own (spec.pulsarAuth).
        return new ReplicaSettings(launcher, pulsar.serviceUrl(), dataDir,
                new RestartPolicy(replicas.restartInitial(), replicas.restartMax(), replicas.stableAfter()),
                replicas.stopGrace(), replicas.readyTimeout(), classData(dataDir, replicas, launcher, jar), access,
                pulsar.trust(), replicas.warmPoolSize(), pulsar.adminUrl(), StateStorageSettings.NONE);
    }

    /** The replicas' class data archive, unless turned off or the JVM options already choose one. */
    static ClassDataArchive classData(Path dataDir, ReplicaConfig replicas, List<String> launcher, Path jar) {
        boolean chosenByOptions = replicas.jvmOptions().stream().anyMatch(option -> option.startsWith("-Xshare")
                || option.contains("SharedArchiveFile") || option.contains("ArchiveClassesAtExit")
                || option.contains("SharedClassListFile"));
        return replicas.classDataSharing() && !chosenByOptions
                ? ClassDataArchive.in(ReplicaSettings.classDataDir(dataDir), launcher, jar)
                : ClassDataArchive.off();
    }
}
