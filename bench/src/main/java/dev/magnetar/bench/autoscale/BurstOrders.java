package dev.magnetar.bench.autoscale;

import java.nio.charset.StandardCharsets;

/**
 * The burst's messages: orders as the async-enrich function reads them, {@code {"id":"<n>","customer":...}}, numbered
 * from 0, and the order number read back from an enriched output, so the drain counts each order once.
 */
final class BurstOrders {
    private static final String[] CUSTOMERS = {"acme", "globex", "initech"};
    private static final byte[] ID_FIELD = "\"id\":\"".getBytes(StandardCharsets.UTF_8);

    private BurstOrders() {
    }

    static byte[] order(int number) {
        return ("{\"id\":\"" + number + "\",\"customer\":\"" + CUSTOMERS[number % CUSTOMERS.length] + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The order number of an enriched order; -1 when it has none. */
    static int number(byte[] json) {
        int start = indexOf(json, ID_FIELD);
        if (start < 0) {
            return -1;
        }
        int number = 0;
        int i = start + ID_FIELD.length;
        for (; i < json.length && json[i] >= '0' && json[i] <= '9'; i++) {
            number = number * 10 + (json[i] - '0');
        }
        return i < json.length && json[i] == '"' && i > start + ID_FIELD.length ? number : -1;
    }

    private static int indexOf(byte[] json, byte[] field) {
        outer:
        for (int i = 0; i + field.length <= json.length; i++) {
            for (int j = 0; j < field.length; j++) {
                if (json[i + j] != field[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
