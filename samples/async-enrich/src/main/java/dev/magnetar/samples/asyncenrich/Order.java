package dev.magnetar.samples.asyncenrich;

/** The input: an order as JSON, e.g. {@code {"id":"o-1","customer":"acme"}}. */
public record Order(String id, String customer) {
}
