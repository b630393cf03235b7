package dev.magnetar.local.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.bridge.pulsar.PulsarTlsIdentity;
import dev.magnetar.local.ClassDataArchive;
import dev.magnetar.local.ReplicaSettings;
import dev.magnetar.local.ReplicaLimits;
import io.micronaut.context.ApplicationContext;
import dev.magnetar.security.replica.ReplicaAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModeConfigTest {
    @Test
    void defaultsFavourASmallFastStartingReplica() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC");
            assertThat(replicas.restartInitial()).isEqualTo(Duration.ofSeconds(1));
            assertThat(replicas.restartMax()).isEqualTo(Duration.ofSeconds(30));
            assertThat(replicas.runtimeJar()).isNull();
            assertThat(replicas.classDataSharing()).isTrue();
            assertThat(replicas.warmPoolSize()).isEqualTo(2);
        }
    }

    @Test
    void everySettingCanBeOverridden() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.replicas.jvm-options", "-Xmx1g,-XX:+UseZGC",
                "magnetar.replicas.runtime-jar", "/opt/magnetar/runtime.jar",
                "magnetar.replicas.stop-grace", "3s",
                "magnetar.replicas.class-data-sharing", "false",
                "magnetar.replicas.warm-pool-size", "0"))) {
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseZGC");
            assertThat(replicas.runtimeJar()).isEqualTo(Path.of("/opt/magnetar/runtime.jar"));
            assertThat(replicas.stopGrace()).isEqualTo(Duration.ofSeconds(3));
            assertThat(replicas.classDataSharing()).isFalse();
            assertThat(replicas.warmPoolSize()).isZero();
        }
    }

    @Test
    void replicaLimitsSuitALaptopAndCanBeChanged() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            ReplicaLimits limits = context.getBean(ReplicaLimitsConfig.class).on(16L << 30);
            assertThat(limits.maxPerFunction()).isEqualTo(16);
            assertThat(limits.maxTotal()).isEqualTo(32);
            assertThat(limits.memoryReserve()).isEqualTo(2L << 30);
            assertThat(limits.memoryForReplicas()).isEqualTo(14L << 30);
            assertThat(limits.startInterval()).isEqualTo(Duration.ofMillis(500));
        }
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.replicas.limits.max-per-function", "4",
                "magnetar.replicas.limits.max-total", "8",
                "magnetar.replicas.limits.memory-reserve", "512MB",
                "magnetar.replicas.limits.start-interval", "2s"))) {
            ReplicaLimits limits = context.getBean(ReplicaLimitsConfig.class).on(16L << 30);
            assertThat(limits).isEqualTo(new ReplicaLimits(4, 8, 16L << 30, 512L << 20, Duration.ofSeconds(2)));
        }
    }

    @Test
    void replicasWriteAClassDataArchiveInTheDataDirUnlessTurnedOffOrTheirOptionsChooseOne(@TempDir Path dataDir) {
        Path jar = dataDir.resolve("runtime.jar");
        List<String> launcher = List.of("java", "-jar", jar.toString());

        assertThat(LocalModeFactory.classData(dataDir, replicas(List.of("-Xmx256m"), true), launcher, jar).jvmOptions())
                .first().asString().startsWith("-XX:ArchiveClassesAtExit=" + dataDir.resolve("cds").resolve("runtime-"));
        assertThat(LocalModeFactory.classData(dataDir, replicas(List.of("-Xmx256m"), false), launcher, jar))
                .isSameAs(ClassDataArchive.off());
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/tmp/mine.jsa", "-XX:ArchiveClassesAtExit=/tmp/a.jsa")) {
            assertThat(LocalModeFactory.classData(dataDir, replicas(List.of(own), true), launcher, jar)).as(own)
                    .isSameAs(ClassDataArchive.off());
        }
    }

    @Test
    void replicasGetTheControlPlanesPulsarUrlButNotItsCredentials(@TempDir Path dataDir) {
        ReplicaConfig replicas = new ReplicaConfig(List.of("-Xmx256m"), dataDir.resolve("runtime.jar"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), false, 0);

        ReplicaSettings settings = LocalModeFactory.replicaSettings(dataDir, replicas,
                new PulsarConnection("pulsar://broker:6650", "http://broker:8080", "control-plane-jwt"), ReplicaAccess.random());

        assertThat(settings.pulsarUrl()).isEqualTo("pulsar://broker:6650");
        assertThat(settings.toString()).doesNotContain("control-plane-jwt");
        assertThat(settings.warmPoolSize()).isZero();
    }

    @Test
    void replicasGetTheControlPlanesTrustButNotItsClientCertificate(@TempDir Path dataDir) {
        Duration any = Duration.ofSeconds(1);
        ReplicaConfig replicas = new ReplicaConfig(List.of("-Xmx256m"), dataDir.resolve("runtime.jar"), any, any, any,
                any, any, false, 0);
        PulsarTrust trust = PulsarTrust.certsFile("/tls/ca.pem");
        PulsarConnection pulsar = new PulsarConnection("pulsar+ssl://broker:6651", "https://broker:8443")
                .withTls(trust, PulsarTlsIdentity.pem("/tls/control-plane.pem", "/tls/control-plane.key"));

        ReplicaSettings settings = LocalModeFactory.replicaSettings(dataDir, replicas, pulsar, ReplicaAccess.random());

        assertThat(settings.pulsarTrust()).isEqualTo(trust);
        assertThat(settings.toString()).doesNotContain("control-plane.pem").doesNotContain("control-plane.key");
    }

    private static ReplicaConfig replicas(List<String> jvmOptions, boolean classDataSharing) {
        Duration any = Duration.ofSeconds(1);
        return new ReplicaConfig(jvmOptions, null, any, any, any, any, any, classDataSharing, 0);
    }
}
