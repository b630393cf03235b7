package dev.magnetar.gateway.async;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Call ids: a random UUID unless the caller sends its own. A caller's id becomes a message key, a path segment of
 * {@code GET /calls/{id}} and a header of the callback, so only a short token safe in all three is taken.
 */
public final class CallIds {
    /** Letters, digits, dot, underscore and hyphen, starting with a letter or digit; at most 128 characters. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private CallIds() {
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }

    public static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /**
     * The caller's id, or a new one when it sent none.
     *
     * @throws IllegalArgumentException naming the header when the caller's id is not a safe token
     */
    public static String fromHeader(String header) {
        if (header == null || header.isEmpty()) {
            return generate();
        }
        if (!isSafe(header)) {
            throw new IllegalArgumentException("header " + AsyncHeaders.CALL_ID + " must be 1 to 128 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit, was '" + printable(header)
                    + "': send such an id, or none to get a generated one");
        }
        return header;
    }

    private static String printable(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
