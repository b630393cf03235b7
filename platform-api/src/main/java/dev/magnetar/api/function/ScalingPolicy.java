package dev.magnetar.api.function;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import java.time.Duration;
import java.util.Optional;

/**
 * A function's {@code spec.autoscaling} with every default filled in: what the autoscaler decides by.
 *
 * @param targetCpuUtilization percent of a replica's CPU request, or null when CPU is not a target
 */
public record ScalingPolicy(int minReplicas, int maxReplicas, long targetBacklogPerReplica,
                            int targetInFlightPerReplica, Integer targetCpuUtilization, Duration scaleToZeroAfter,
                            Duration scaleUpStabilization, Duration scaleDownStabilization, Engine engine) {
    public static final int DEFAULT_MIN_REPLICAS = 1;
    /** The name of {@link Engine#KEDA}, as a constant a CEL rule can hold. */
    public static final String ENGINE_KEDA = "keda";
    public static final long DEFAULT_TARGET_BACKLOG_PER_REPLICA = 100;
    public static final int DEFAULT_SCALE_TO_ZERO_AFTER_SECONDS = 60;
    public static final int DEFAULT_SCALE_UP_STABILIZATION_SECONDS = 0;
    public static final int DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS = 60;

    /** Who turns the decisions into replicas. */
    public enum Engine {
        /** Magnetar's own autoscaler: local processes in standalone, the Function's scale subresource on Kubernetes. */
        MAGNETAR("magnetar"),
        /** A KEDA ScaledObject with KEDA's Pulsar scaler (Kubernetes with KEDA installed only). */
        KEDA(ENGINE_KEDA);

        private final String value;

        Engine(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** The engine named {@code value}, or empty when there is none by that name. */
        public static Optional<Engine> named(String value) {
            for (Engine engine : values()) {
                if (engine.value.equals(value)) {
                    return Optional.of(engine);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The function's policy, or empty when it runs a fixed number of replicas. A stopped function (one with the
     * stopped-replicas annotation) runs none, whatever its autoscaling says.
     */
    public static Optional<ScalingPolicy> of(Function function) {
        AutoscalingSpec spec = function.getSpec().getAutoscaling();
        if (spec == null || stopped(function)) {
            return Optional.empty();
        }
        Integer concurrency = function.getSpec().getConcurrency();
        int max = spec.maxReplicas() == null ? 1 : spec.maxReplicas();
        return Optional.of(new ScalingPolicy(
                orDefault(spec.minReplicas(), DEFAULT_MIN_REPLICAS),
                max,
                spec.targetBacklogPerReplica() == null ? DEFAULT_TARGET_BACKLOG_PER_REPLICA : spec.targetBacklogPerReplica(),
                orDefault(spec.targetInFlightPerReplica(), concurrency == null ? ResolvedFunction.DEFAULT_CONCURRENCY : concurrency),
                spec.targetCpuUtilization(),
                Duration.ofSeconds(orDefault(spec.scaleToZeroAfterSeconds(), DEFAULT_SCALE_TO_ZERO_AFTER_SECONDS)),
                Duration.ofSeconds(orDefault(spec.scaleUpStabilizationSeconds(), DEFAULT_SCALE_UP_STABILIZATION_SECONDS)),
                Duration.ofSeconds(orDefault(spec.scaleDownStabilizationSeconds(), DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS)),
                spec.engine() == null ? Engine.MAGNETAR : Engine.named(spec.engine()).orElse(Engine.MAGNETAR)));
    }

    private static boolean stopped(Function function) {
        return function.getMetadata() != null && function.getMetadata().getAnnotations() != null
                && function.getMetadata().getAnnotations().containsKey(FunctionNames.ANNOTATION_STOPPED_REPLICAS);
    }

    /** True when the replica count may reach zero. */
    public boolean scalesToZero() {
        return minReplicas == 0;
    }

    /** {@code replicas} within the bounds. */
    public int clamp(int replicas) {
        return Math.max(minReplicas, Math.min(maxReplicas, replicas));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
