package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.function.Quantities;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
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

    /** Quantities Pulsar's units cannot express (or that do not parse) are left out. */
    static Resources toPulsar(ResourcesSpec spec) {
        if (spec == null || (spec.cpu() == null && spec.memory() == null)) {
            return null;
        }
        Resources resources = new Resources();
        resources.setCpu(spec.cpu() == null ? null : Quantities.cores(spec.cpu()));
        resources.setRam(spec.memory() == null ? null : Quantities.bytes(spec.memory()));
        resources.setDisk(null);
        return resources;
    }
}
