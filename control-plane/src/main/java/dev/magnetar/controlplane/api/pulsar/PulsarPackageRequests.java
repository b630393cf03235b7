package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.controlplane.packages.FunctionPackages;
import dev.magnetar.controlplane.packages.JarLocations;
import dev.magnetar.controlplane.packages.PackageNotFoundException;
import dev.magnetar.controlplane.service.FunctionNotFoundException;
import dev.magnetar.controlplane.service.FunctionService;
import dev.magnetar.controlplane.store.FunctionRef;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which file a function's package is, for Pulsar's {@code functions download}. */
@Singleton
public class PulsarPackageRequests {
    private final FunctionService service;
    private final FunctionPackages packages;
    private final JarLocations locations;

    public PulsarPackageRequests(FunctionService service, FunctionPackages packages, JarLocations locations) {
        this.service = service;
        this.packages = packages;
        this.locations = locations;
    }

    /**
     * The jar the function runs: the copy kept when it was uploaded or fetched (also of a jar kept in Pulsar), or the
     * file its path names on this machine, where the control plane reads jars from (standalone). A jar inside the
     * function's image (Kubernetes) is not readable here.
     */
    public Path jarOf(FunctionRef ref) {
        ResolvedFunction function = ResolvedFunction.of(service.get(ref)
                .orElseThrow(() -> new FunctionNotFoundException(ref)));
        Optional<String> sha256 = PulsarPackage.sha256Of(function.jar());
        if (sha256.isPresent()) {
            return packages.stored(ref, sha256.get()).orElseThrow(() -> new PackageNotFoundException("the jar of "
                    + ref + " is kept in Pulsar (" + function.jar() + ") and this control plane has no copy of it"));
        }
        Optional<Path> file = locations.localFile(function);
        if (file.isEmpty()) {
            throw new PackageNotFoundException("the jar of " + ref + " is '" + function.jar() + "', a path inside the"
                    + " function's image, which the control plane cannot read: take it from the image");
        }
        if (!locations.check(ref, function).isEmpty() || !Files.isRegularFile(file.get())) {
            throw new PackageNotFoundException("the jar of " + ref + " ('" + function.jar() + "') is not a file this"
                    + " control plane serves: it is missing, or outside the directories it reads jars from");
        }
        return file.get();
    }
}
