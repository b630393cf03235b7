package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.validation.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.functions.Resources;

/** Pulsar's resources (cpu in cores, ram in bytes) as Kubernetes quantities ({@code 500m}, {@code 536870912}) and back. */
final class ResourceQuantities {
    private static final Map<String, Long> MEMORY_SUFFIXES = Map.of(
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

    private ResourceQuantities() {
    }

    static List<Violation> check(Resources resources) {
        List<Violation> out = new ArrayList<>();
        if (resources == null) {
            return out;
        }
        if (resources.getCpu() != null && !(resources.getCpu() > 0)) {
            out.add(new Violation("resources.cpu", "is " + resources.getCpu() + ": give the cores per instance, above 0"));
        }
        if (resources.getRam() != null && resources.getRam() <= 0) {
            out.add(new Violation("resources.ram", "is " + resources.getRam() + ": give the bytes per instance, above 0"));
        }
        return out;
    }

    static ResourcesSpec toSpec(Resources resources) {
        if (resources == null || (resources.getCpu() == null && resources.getRam() == null)) {
            return null;
        }
        String cpu = resources.getCpu() == null ? null : Math.max(1, Math.round(resources.getCpu() * 1000)) + "m";
        String memory = resources.getRam() == null ? null : Long.toString(resources.getRam());
        return new ResourcesSpec(cpu, memory);
    }

    /** Quantities Pulsar's units cannot express (or that do not parse) are left out. */
    static Resources toPulsar(ResourcesSpec spec) {
        if (spec == null || (spec.cpu() == null && spec.memory() == null)) {
            return null;
        }
        Resources resources = new Resources();
        resources.setCpu(spec.cpu() == null ? null : cores(spec.cpu()));
        resources.setRam(spec.memory() == null ? null : bytes(spec.memory()));
        resources.setDisk(null);
        return resources;
    }

    static Double cores(String quantity) {
        try {
            String value = quantity.trim();
            return value.endsWith("m")
                    ? Double.parseDouble(value.substring(0, value.length() - 1)) / 1000
                    : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long bytes(String quantity) {
        String value = quantity.trim();
        try {
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
