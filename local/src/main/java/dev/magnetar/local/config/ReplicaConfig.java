package dev.magnetar.local.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How standalone replicas run ({@code magnetar.replicas.*}).
 *
 * @param jvmOptions     options of each replica JVM; the default: a small heap, and the serial collector, which
 *                       costs the least CPU per message at that size (its young pauses stay in the milliseconds).
 *                       Not C1-only ({@code -XX:TieredStopAtLevel=1}): a replica runs for long, and C1-only code
 *                       needs clearly more CPU per message (docs/performance.md)
 * @param runtimeJar     the runtime jar; the installation's {@code runtime-java/target/magnetar-runtime.jar} when unset
 * @param restartInitial first restart delay of a replica that died
 * @param restartMax     cap of the doubling restart delay
 * @param stableAfter    a replica that ran this long before dying restarts after the initial delay again
 * @param stopGrace      time a replica may drain after SIGTERM before it is killed
 * @param readyTimeout   how long each new replica of an update may take to become ready (from its start); one that
 *                       is not ready by then rolls the update back. A rolling restart waits as long for each replica
 * @param classDataSharing whether replicas write and map a class data archive of the runtime (in
 *                       {@code <dataDir>/cds/}; the first replica writes it when it exits, every later one starts
 *                       faster); off as well when {@code jvmOptions} set any class data sharing option themselves
 * @param warmPoolSize   generic runtime JVMs kept started, warm and connected to the broker, so that a replica of a
 *                       function without env, secrets or resources of its own starts without booting a JVM (a
 *                       function scaled to zero answers its first call sooner); each takes a replica's memory, and the
 *                       pool at most a quarter of the memory for replicas. 0 turns the pool off
 */
@ConfigurationProperties(ReplicaConfig.PREFIX)
public record ReplicaConfig(
        @Bindable(defaultValue = DEFAULT_JVM_OPTIONS) List<String> jvmOptions,
        @Nullable Path runtimeJar,
        @Bindable(defaultValue = "1s") Duration restartInitial,
        @Bindable(defaultValue = "30s") Duration restartMax,
        @Bindable(defaultValue = "60s") Duration stableAfter,
        @Bindable(defaultValue = "10s") Duration stopGrace,
        @Bindable(defaultValue = "60s") Duration readyTimeout,
        @Bindable(defaultValue = "true") boolean classDataSharing,
        @Bindable(defaultValue = "" + DEFAULT_WARM_POOL_SIZE) int warmPoolSize) {
    public static final String PREFIX = "magnetar.replicas";
    public static final int DEFAULT_WARM_POOL_SIZE = 2;
    public static final String WARM_POOL_SIZE_PROPERTY = PREFIX + ".warm-pool-size";
    public static final String DEFAULT_JVM_OPTIONS = "-Xmx256m,-Xss512k,-XX:+UseSerialGC";
}
