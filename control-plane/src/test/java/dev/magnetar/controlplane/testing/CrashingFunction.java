package dev.magnetar.controlplane.testing;

import java.util.function.Function;

/** A function that cannot start: its constructor fails, as one whose dependency is unreachable does. */
public class CrashingFunction implements Function<String, String> {
    public static final String REASON = "cannot reach the orders database at db.invalid:5432";

    public CrashingFunction() {
        throw new IllegalStateException(REASON);
    }

    @Override
    public String apply(String input) {
        return input;
    }
}
