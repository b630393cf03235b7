package dev.magnetar.cli.functions;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import picocli.CommandLine.Option;

/**
 * {@code spec.autoscaling} as flags. Any of them turns the autoscaler on (with {@code --max-replicas} required, as the
 * spec requires it); an update changes only the ones given. With it on the autoscaler alone owns the replica count, so
 * {@code --parallelism} is refused beside these flags.
 */
public final class AutoscalingFlags {
    @Option(names = "--min-replicas", paramLabel = "N",
            description = "Fewest replicas when autoscaled; 0 scales to zero when idle (default 1)")
    Integer minReplicas;

    @Option(names = "--max-replicas", paramLabel = "N", description = "Most replicas when autoscaled; turns the autoscaler on")
    Integer maxReplicas;

    @Option(names = "--target-backlog-per-replica", paramLabel = "N",
            description = "Subscription backlog one replica is meant to carry (default 100)")
    Long targetBacklogPerReplica;

    @Option(names = "--target-in-flight-per-replica", paramLabel = "N",
            description = "Calls and messages in progress one replica is meant to carry (default: its concurrency)")
    Integer targetInFlightPerReplica;

    @Option(names = "--target-cpu-utilization", paramLabel = "PERCENT",
            description = "Average CPU per replica, in percent of what it asks for (off by default)")
    Integer targetCpuUtilization;

    @Option(names = "--scale-to-zero-after", paramLabel = "SECONDS",
            description = "Idle seconds before an autoscaled function with --min-replicas 0 goes to zero (default 60)")
    Integer scaleToZeroAfterSeconds;

    @Option(names = "--scale-up-stabilization", paramLabel = "SECONDS",
            description = "A scale-up follows the lowest recommendation of this window (default 0)")
    Integer scaleUpStabilizationSeconds;

    @Option(names = "--scale-down-stabilization", paramLabel = "SECONDS",
            description = "A scale-down follows the highest recommendation of this window (default 60)")
    Integer scaleDownStabilizationSeconds;

    @Option(names = "--autoscaling-engine", paramLabel = "ENGINE",
            description = "magnetar (default) or keda (Kubernetes with KEDA installed)")
    String engine;

    boolean given() {
        return minReplicas != null || maxReplicas != null || targetBacklogPerReplica != null
                || targetInFlightPerReplica != null || targetCpuUtilization != null || scaleToZeroAfterSeconds != null
                || scaleUpStabilizationSeconds != null || scaleDownStabilizationSeconds != null || engine != null;
    }

    /** Sets the given flags over what the spec has; the function validator checks the result. */
    void applyTo(FunctionSpec spec) {
        if (!given()) {
            return;
        }
        AutoscalingSpec was = spec.getAutoscaling() == null
                ? new AutoscalingSpec(null, null, null, null, null, null, null, null, null) : spec.getAutoscaling();
        spec.setAutoscaling(new AutoscalingSpec(
                or(minReplicas, was.minReplicas()),
                or(maxReplicas, was.maxReplicas()),
                or(targetBacklogPerReplica, was.targetBacklogPerReplica()),
                or(targetInFlightPerReplica, was.targetInFlightPerReplica()),
                or(targetCpuUtilization, was.targetCpuUtilization()),
                or(scaleToZeroAfterSeconds, was.scaleToZeroAfterSeconds()),
                or(scaleUpStabilizationSeconds, was.scaleUpStabilizationSeconds()),
                or(scaleDownStabilizationSeconds, was.scaleDownStabilizationSeconds()),
                or(engine, was.engine())));
    }

    private static <T> T or(T given, T was) {
        return given != null ? given : was;
    }
}
