package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * What code runs: the function class inside a jar. {@code image} is the runtime image on Kubernetes;
 * {@code jar} is a path (standalone) or a path inside the image.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(String image, String jar, @Required String className) {
}
