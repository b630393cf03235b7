package dev.magnetar.controlplane.packages;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.store.FunctionRef;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a new or changed definition's class in its jar ({@link ClassInJar}) before it is accepted, so a
 * class that is not there, or is not a function, is refused instead of restarting its replicas forever.
 * The check runs where the jar is on the control plane's machine:
 * <ul>
 *   <li>a jar given as a path (standalone, where a jar the admin API received is stored as a file too):
 *       that file;</li>
 *   <li>a jar kept in Pulsar ({@code pulsar-package:...}, a jar the admin API received on Kubernetes): the
 *       copy this control plane stored when it received it, while it has it.</li>
 * </ul>
 * A jar inside the function's image ({@code spec.runtime.image} set) is not on this machine and cannot be
 * checked: a wrong class there shows in the replicas' status and log. A path that is not a file here is
 * left to {@link dev.magnetar.api.replicas.FunctionReplicas#preflight}, which says what the mode needs.
 */
@Singleton
public class FunctionClassCheck {
    private final FunctionPackages packages;

    /** {@code packages}: where received jars are stored; null when none are. */
    public FunctionClassCheck(@Nullable FunctionPackages packages) {
        this.packages = packages;
    }

    /** What keeps the function's class from running, naming its field; empty when nothing does or it cannot be told. */
    public List<Violation> check(ResolvedFunction function) {
        return check(function, Map.of());
    }

    /**
     * As {@link #check(ResolvedFunction)}, and the schema and serde classes the definition names ({@code codecs}: by
     * the field naming each), which must be in the jar too.
     */
    public List<Violation> check(ResolvedFunction function, Map<String, String> codecs) {
        return jarOnThisMachine(function).map(jar -> {
            List<Violation> out = new ArrayList<>(ClassInJar.check(jar, function.className(), function.window() != null));
            codecs.forEach((field, className) -> out.addAll(ClassInJar.checkCodec(jar, field, className)));
            return List.copyOf(out);
        }).orElse(List.of());
    }

    private Optional<Path> jarOnThisMachine(ResolvedFunction function) {
        String jar = function.jar();
        if (jar == null || jar.isBlank()) {
            return Optional.empty();
        }
        if (PulsarPackage.isPackage(jar)) {
            return storedCopy(function, jar);
        }
        if (function.image() != null && !function.image().isBlank()) {
            return Optional.empty(); // a path inside the image
        }
        try {
            Path path = Path.of(jar);
            return path.isAbsolute() && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> storedCopy(ResolvedFunction function, String location) {
        if (packages == null) {
            return Optional.empty();
        }
        try {
            String sha256 = PulsarPackage.parse(location).sha256();
            return packages.stored(new FunctionRef(function.tenant(), function.namespace(), function.name()), sha256);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a location the runtime can fetch either; not this check's concern
        }
    }
}
