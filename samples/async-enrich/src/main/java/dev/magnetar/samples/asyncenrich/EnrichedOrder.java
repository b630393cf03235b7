package dev.magnetar.samples.asyncenrich;

/** The output: the order with the customer's tier, as JSON. */
public record EnrichedOrder(String id, String customer, String tier) {
}
