package dev.magnetar.api.function;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Kubernetes quantities ({@code spec.resources}) as numbers: cpu in cores ({@code 500m} is 0.5), memory in bytes
 * ({@code 512Mi}, {@code 1G}, {@code 536870912}). Both answer null for a quantity they cannot read.
 */
public final class Quantities {
    private static final Map<String, Long> MEMORY_SUFFIXES = Map.of(
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

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
                return new BigDecimal(value.substring(0, value.length() - 1)).divide(BigDecimal.valueOf(1000)).longValue();
            }
            for (Map.Entry<String, Long> suffix : MEMORY_SUFFIXES.entrySet()) {
                if (value.endsWith(suffix.getKey())) {
                    BigDecimal number = new BigDecimal(value.substring(0, value.length() - suffix.getKey().length()));
                    return number.multiply(BigDecimal.valueOf(suffix.getValue())).longValue();
                }
            }
            return new BigDecimal(value).longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
