package dev.magnetar.api.function;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Kubernetes quantities ({@code spec.resources}) as numbers: cpu in cores ({@code 500m} is 0.5), memory in bytes
 * ({@code 512Mi}, {@code 1G}, {@code 536870912}). Both answer null for a quantity they cannot read; memory beyond
 * {@link Long#MAX_VALUE} bytes is one, rather than a number wrapped around to a negative or small one.
 */
public final class Quantities {
    private static final Map<String, Long> MEMORY_SUFFIXES = Map.of(
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);
    private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(Long.MAX_VALUE);

    private Quantities() {
    }

    public static Double cores(String quantity) {
        try {
            String value = quantity.trim();
            return value.endsWith("m")
                    ? Double.parseDouble(value.substring(0, value.length() - 1)) / 1000
                    : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Long bytes(String quantity) {
        String value = quantity.trim();
        try {
            if (value.endsWith("m")) { // thousandths of a byte, as Kubernetes reads them
                return whole(new BigDecimal(value.substring(0, value.length() - 1)).divide(BigDecimal.valueOf(1000)));
            }
            for (Map.Entry<String, Long> suffix : MEMORY_SUFFIXES.entrySet()) {
                if (value.endsWith(suffix.getKey())) {
                    BigDecimal number = new BigDecimal(value.substring(0, value.length() - suffix.getKey().length()));
                    return whole(number.multiply(BigDecimal.valueOf(suffix.getValue())));
                }
            }
            return whole(new BigDecimal(value));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Whole bytes, the fraction dropped; compared first, so {@code 1e999999999} is not expanded to be refused. */
    private static long whole(BigDecimal bytes) {
        if (bytes.abs().compareTo(MAX_BYTES) > 0) {
            throw new ArithmeticException("more bytes than a long holds");
        }
        return bytes.longValue();
    }
}
