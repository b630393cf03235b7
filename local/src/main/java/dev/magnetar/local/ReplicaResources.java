package dev.magnetar.local;

import dev.magnetar.api.function.Quantities;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A function's {@code spec.resources} as its local replicas' JVM options. Memory is the whole replica's: three
 * quarters of it become the heap ({@code -Xmx}) and the rest is left to the JVM itself (classes, threads, buffers),
 * as the runtime image's {@code -XX:MaxRAMPercentage=75} does on Kubernetes. Cpu becomes the processor count the
 * JVM sizes its pools by ({@code -XX:ActiveProcessorCount}), rounded up, at least 1.
 *
 * @param memory     bytes per replica, or null when the spec sets none (the launcher's heap applies)
 * @param processors processors per replica, or null when the spec sets none (the machine's apply)
 */
record ReplicaResources(Long memory, Integer processors) {
    /** The least memory a replica runs in: a 96 MiB heap and room for the JVM. */
    static final long MIN_MEMORY = 128L << 20;
    private static final String MIN_QUANTITY = "128Mi";

    static ReplicaResources of(ResourcesSpec spec) {
        if (spec == null) {
            return new ReplicaResources(null, null);
        }
        Long memory = spec.memory() == null ? null : Quantities.bytes(spec.memory());
        Double cores = spec.cpu() == null ? null : Quantities.cores(spec.cpu());
        return new ReplicaResources(memory, cores == null ? null : (int) Math.max(1, Math.ceil(cores)));
    }

    /** What standalone cannot run: a memory too small for a replica. */
    static List<Violation> check(ResourcesSpec spec) {
        List<Violation> out = new ArrayList<>();
        Long memory = of(spec).memory();
        if (memory != null && memory < MIN_MEMORY) {
            out.add(new Violation("spec.resources.memory", "is " + spec.memory() + " (" + memory + " bytes): a replica"
                    + " needs at least " + MIN_QUANTITY + " (" + MIN_MEMORY + " bytes), three quarters of it as heap"
                    + " and the rest for the JVM itself"));
        }
        return out;
    }

    /** The options that come after the launcher's own JVM options, so they win over its {@code -Xmx}. */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        if (memory != null) {
            long heap = memory - memory / 4;
            options.add("-Xmx" + Math.max(1, heap >> 20) + "m");
        }
        if (processors != null) {
            options.add("-XX:ActiveProcessorCount=" + processors);
        }
        return options;
    }

    /** The memory each replica takes: the spec's, or else {@code launcherHeap}. */
    long memoryEach(long launcherHeap) {
        return memory != null ? memory : launcherHeap;
    }
}
