package dev.magnetar.security.token;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Relative times as {@code pulsar tokens create --expiry-time} takes them: a number and s, m, h, d, w or y. */
public final class Expiry {
    private static final Map<Character, Duration> UNITS = Map.of(
            's', Duration.ofSeconds(1), 'm', Duration.ofMinutes(1), 'h', Duration.ofHours(1),
            'd', Duration.ofDays(1), 'w', Duration.ofDays(7), 'y', Duration.ofDays(365));

    private Expiry() {
    }

    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Duration unit = value.isEmpty() ? null : UNITS.get(value.charAt(value.length() - 1));
        String digits = unit == null ? value : value.substring(0, value.length() - 1);
        try {
            long amount = Long.parseLong(digits);
            if (amount > 0) {
                return (unit == null ? UNITS.get('s') : unit).multipliedBy(amount);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // answered below
        }
        throw new IllegalArgumentException("expiry time '" + text + "' is not a positive number with an optional unit"
                + " s, m, h, d, w or y, e.g. 30d");
    }
}
