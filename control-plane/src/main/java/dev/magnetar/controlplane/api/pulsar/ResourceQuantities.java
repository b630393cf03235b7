package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.function.Quantities;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pulsar.common.functions.Resources;

/** Pulsar's resources (cpu in cores, ram in bytes) as Kubernetes quantities ({@code 500m}, {@code 536870912}) and back. */
final class ResourceQuantities {
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

    /** Whether both give the same cpu and ram; disk, which Magnetar does not use, and its default, do not count. */
    static boolean sameAmounts(Resources one, Resources other) {
        if (one == null || other == null) {
            return one == other;
        }
        return Objects.equals(one.getCpu(), other.getCpu()) && Objects.equals(one.getRam(), other.getRam());
    }

    /**
     * Quantities Pulsar's units cannot express are left out: those that do not parse, and amounts that are not
     * above zero, which Pulsar's API (and so this one, on an update that sends them back) refuses.
     */
    static Resources toPulsar(ResourcesSpec spec) {
        if (spec == null || (spec.cpu() == null && spec.memory() == null)) {
            return null;
        }
        Double cores = spec.cpu() == null ? null : Quantities.cores(spec.cpu());
        Long bytes = spec.memory() == null ? null : Quantities.bytes(spec.memory());
        return new Resources(cores != null && cores > 0 ? cores : null, bytes != null && bytes > 0 ? bytes : null, null);
    }
}
