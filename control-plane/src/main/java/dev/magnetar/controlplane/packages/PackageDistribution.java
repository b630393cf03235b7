package dev.magnetar.controlplane.packages;

import dev.magnetar.controlplane.store.FunctionRef;
import java.nio.file.Path;

/**
 * Where a function's replicas find a jar the control plane received (uploaded, or downloaded from
 * a URL): what goes into {@code spec.runtime.jar}.
 */
@FunctionalInterface
public interface PackageDistribution {

    /** Standalone: the replicas are local processes and read the stored file itself. */
    PackageDistribution LOCAL_FILE = (ref, stored) -> stored.toString();

    String locate(FunctionRef ref, Path stored);

    /**
     * Whether a jar path in a definition names a file of this machine, which the replicas load (standalone), rather
     * than a path inside the function's image (Kubernetes). Only a local path is held to {@link JarLocations}.
     */
    default boolean pathsAreLocal() {
        return true;
    }

    /**
     * Called once the function runs {@code current} (a location {@link #locate} returned) instead of
     * {@code previous} (null on create): what neither names may be dropped. The previous one is kept
     * because the pods of the previous rollout may still restart and fetch it. Best effort: failing
     * only leaves more behind. Standalone has nothing to do ({@link FunctionPackages#prune} keeps the
     * stored files in step).
     */
    default void supersede(FunctionRef ref, String current, String previous) {
    }
}
