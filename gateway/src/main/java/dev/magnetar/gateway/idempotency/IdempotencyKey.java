package dev.magnetar.gateway.idempotency;

/**
 * The {@code Idempotency-Key} request header: a key the caller picks for one request it may send more than once
 * (a retry after a lost answer), so that the function runs for it once.
 */
public final class IdempotencyKey {
    public static final String HEADER = "Idempotency-Key";
    /** Stripe's limit: room for a UUID or a caller's own composite key, not for a payload. */
    static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /**
     * The key, or null when the header was not sent.
     *
     * @throws IllegalArgumentException when the header is empty, too long or holds characters other than visible
     *                                  ASCII
     */
    public static String from(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH || !header.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("header " + HEADER + " must be 1 to " + MAX_LENGTH
                    + " visible ASCII characters (a UUID does), was '" + printable(header) + "'");
        }
        return header;
    }

    private static String printable(String header) {
        String shown = header.length() > 64 ? header.substring(0, 64) + "..." : header;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
