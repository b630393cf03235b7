package dev.magnetar.controller.store;

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
}
