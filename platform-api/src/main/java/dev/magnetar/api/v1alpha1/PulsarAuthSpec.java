package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The credentials a function's replicas connect to Pulsar with: the function's own, never the platform's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PulsarAuthSpec(
        @Required
        @JsonPropertyDescription("The Secret key holding the function's Pulsar JWT; each replica authenticates"
                + " with it (MAGNETAR_PULSAR_AUTH_TOKEN, from the Secret, never copied into the Deployment)."
                + " In standalone the Secret is the file <data dir>/secrets/<name>/<key>.")
        SecretRef token) {
}
