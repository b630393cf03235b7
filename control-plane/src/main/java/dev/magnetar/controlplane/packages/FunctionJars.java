package dev.magnetar.controlplane.packages;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.store.FunctionRef;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin APIs require of the jar of a definition they accept, and what they record of it: the jar lies
 * where this control plane reads jars from ({@link JarLocations}), holds the function class it names
 * ({@link FunctionClassCheck}), and its SHA-256 is recorded, so that every replica loads the bytes that were
 * accepted and no others.
 */
@Singleton
public class FunctionJars {
    private final JarLocations locations;
    private final FunctionClassCheck classes;

    public FunctionJars(JarLocations locations, FunctionClassCheck classes) {
        this.locations = locations;
        this.classes = classes;
    }

    /** What keeps the jar from being read here, naming the field and what to do; empty when nothing does. */
    public List<Violation> checkLocation(FunctionRef ref, ResolvedFunction function) {
        return locations.check(ref, function);
    }

    /** What keeps the function's class from running, where its jar is on this machine to tell. */
    public List<Violation> checkClass(ResolvedFunction function) {
        return checkClass(function, Map.of());
    }

    /** As {@link #checkClass(ResolvedFunction)}, with the schema and serde classes named, by their fields. */
    public List<Violation> checkClass(ResolvedFunction function, Map<String, String> codecs) {
        boolean here = PulsarPackage.isPackage(function.jar()) || locations.localFile(function).isPresent();
        return here ? classes.check(function, codecs) : List.of();
    }

    /**
     * The SHA-256 the replicas must find in the jar: a package's own; a stored jar's, which its name is; that of
     * any other file here, read now. Null when the jar is not on this machine (inside an image).
     */
    public String sha256(FunctionRef ref, ResolvedFunction function) {
        Optional<String> named = PulsarPackage.sha256Of(function.jar());
        if (named.isPresent()) {
            return named.get();
        }
        return locations.localFile(function).filter(Files::isRegularFile)
                .map(file -> locations.storedSha256(ref, file).orElseGet(() -> PackageDigest.of(file)))
                .orElse(null);
    }
}
