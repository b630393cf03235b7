package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The input subscription; every field is optional and defaulted by {@code ResolvedFunction}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionSpec(String name, SubscriptionType type, InitialPosition initialPosition) {
}
