package dev.magnetar.local.config;

import dev.magnetar.local.ReplicaLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * How many standalone replicas run, and how fast they start ({@code magnetar.replicas.limits.*}). Besides these,
 * every replica's heap added up must fit this machine's physical memory less {@code memoryReserve}.
 *
 * @param maxPerFunction replicas one function may ask for
 * @param maxTotal       replicas of all functions together
 * @param memoryReserve  memory kept for everything but replicas (the broker, the control plane, the system),
 *                       e.g. {@code 2GB} or {@code 512MB}
 * @param startInterval  the time between two replica starts
 */
@ConfigurationProperties(ReplicaLimits.PREFIX)
public record ReplicaLimitsConfig(
        @Bindable(defaultValue = "" + ReplicaLimits.DEFAULT_MAX_PER_FUNCTION) int maxPerFunction,
        @Bindable(defaultValue = "" + ReplicaLimits.DEFAULT_MAX_TOTAL) int maxTotal,
        @Bindable(defaultValue = ReplicaLimits.DEFAULT_MEMORY_RESERVE) @ReadableBytes long memoryReserve,
        @Bindable(defaultValue = ReplicaLimits.DEFAULT_START_INTERVAL) Duration startInterval) {

    /** The limits on a machine of {@code machineMemory} bytes. */
    public ReplicaLimits on(long machineMemory) {
        return new ReplicaLimits(maxPerFunction, maxTotal, machineMemory, memoryReserve, startInterval);
    }
}
