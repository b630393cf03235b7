package dev.magnetar.bench.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The drains' message bodies: distinct JSON events of an exact size, like a click stream — repeated
 * field names and a small vocabulary, with ids, amounts and timestamps that differ. A body of one
 * repeated byte compresses ~100×, which no real stream does, and would hand any side that compresses
 * (LocalRunner does, with LZ4) a win no user would see. Deterministic: the same seed gives the same bodies.
 */
public final class EventPayloads {
    private static final String[] ACTIONS = {"view", "click", "add_to_cart", "checkout", "search", "login", "logout",
            "share"};
    private static final String[] WORDS = {"order", "delivery", "blue", "size", "medium", "returned", "gift", "wrap",
            "express", "store", "pickup", "discount", "coupon", "winter", "sale", "review", "stars", "warranty",
            "battery", "charger", "cable", "black", "white", "cotton", "shirt", "running", "shoes", "garden", "chair",
            "lamp", "kitchen", "coffee", "beans", "organic", "tea", "green", "monthly", "plan", "upgrade", "premium"};

    private EventPayloads() {
    }

    /** {@code count} distinct bodies of exactly {@code bytes} bytes each (ASCII, so valid UTF-8). */
    public static List<byte[]> of(int count, int bytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(event(i, bytes, random));
        }
        return bodies;
    }

    private static byte[] event(int sequence, int bytes, SplittableRandom random) {
        StringBuilder json = new StringBuilder(bytes + 64)
                .append("{\"id\":").append(1_000_000 + sequence)
                .append(",\"user\":\"u").append(random.nextInt(100_000))
                .append("\",\"action\":\"").append(ACTIONS[random.nextInt(ACTIONS.length)])
                .append("\",\"amount\":").append(random.nextInt(100_000) / 100.0)
                .append(",\"ts\":").append(1_764_000_000_000L + random.nextInt(86_400_000))
                .append(",\"note\":\"");
        while (json.length() < bytes) {
            json.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        // Cut to size and close the object, so every body is the same length (and JSON when there is room).
        byte[] body = Arrays.copyOf(json.toString().getBytes(StandardCharsets.US_ASCII), bytes);
        if (bytes >= 2) {
            body[bytes - 2] = '"';
            body[bytes - 1] = '}';
        }
        return body;
    }
}
