package dev.magnetar.operator.resources.keda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;

/**
 * The spec of a KEDA ScaledObject, as far as the operator sets it (field names as KEDA's CRD has them).
 *
 * @param scaleTargetRef  what KEDA scales
 * @param cooldownPeriod  seconds after the last active trigger before scaling to {@code minReplicaCount} 0
 * @param minReplicaCount fewest replicas, 0 included
 * @param maxReplicaCount most replicas
 * @param advanced        the HorizontalPodAutoscaler KEDA makes: its behavior
 * @param triggers        when to scale
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScaledObjectSpec(ScaleTargetRef scaleTargetRef, Integer cooldownPeriod, Integer minReplicaCount,
                               Integer maxReplicaCount, Advanced advanced, List<Trigger> triggers) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScaleTargetRef(String apiVersion, String kind, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Advanced(HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HorizontalPodAutoscalerConfig(HorizontalPodAutoscalerBehavior behavior) {
    }

    /**
     * One scaler.
     *
     * @param type              the scaler: {@code pulsar}, {@code cpu}
     * @param metricType        {@code AverageValue}, {@code Value} or {@code Utilization}; the scaler's default when unset
     * @param metadata          the scaler's settings
     * @param authenticationRef a TriggerAuthentication or ClusterTriggerAuthentication with its credentials
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trigger(String type, String metricType, Map<String, String> metadata,
                          AuthenticationRef authenticationRef) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthenticationRef(String name, String kind) {
    }
}
