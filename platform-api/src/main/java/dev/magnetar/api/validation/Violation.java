package dev.magnetar.api.validation;

/** One thing wrong with a function definition: the field path and what to do about it. */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
