package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Per-replica resources as Kubernetes quantities, e.g. {@code cpu: 500m}, {@code memory: 512Mi}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourcesSpec(String cpu, String memory) {
}
