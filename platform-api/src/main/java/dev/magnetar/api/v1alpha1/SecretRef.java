package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One key of a Kubernetes Secret, exposed to the function under the map key that names it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRef(String name, String key) {
}
