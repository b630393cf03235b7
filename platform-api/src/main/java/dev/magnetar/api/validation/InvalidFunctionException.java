package dev.magnetar.api.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A function definition was refused; carries every violation, not just the first. */
public class InvalidFunctionException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidFunctionException(String subject, List<Violation> violations) {
        super(subject + " is invalid: " + violations.stream().map(Violation::toString)
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
