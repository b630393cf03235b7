package dev.magnetar.controlplane.packages;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.store.FunctionRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a definition's {@code spec.runtime.jar} may be on the control plane's machine, the one rule both admin
 * APIs apply to every jar they accept: in the function's own directory under the packages directory (the jars
 * uploaded or fetched for it), or inside one of {@code magnetar.admin.allowed-jar-dirs}. A path is judged by
 * what it really names: symbolic links resolved and {@code ..} taken as the file system takes it, so neither
 * leads out. The rule holds where replicas load jars from this machine (standalone); on Kubernetes a path
 * names a file inside the function's image, which the control plane never reads.
 */
public final class JarLocations {
    private static final String JAR = "spec.runtime.jar";
    private final Path packagesDir;
    private final List<Path> allowedDirs;
    private final boolean pathsAreLocal;

    /** {@code pathsAreLocal}: a jar path names a file of this machine ({@link PackageDistribution#pathsAreLocal}). */
    public JarLocations(Path packagesDir, List<Path> allowedDirs, boolean pathsAreLocal) {
        this.packagesDir = packagesDir.toAbsolutePath().normalize();
        this.allowedDirs = List.copyOf(allowedDirs);
        this.pathsAreLocal = pathsAreLocal;
    }

    /** What keeps the function's jar from being read here, naming the field, the value and what to do. */
    public List<Violation> check(FunctionRef ref, ResolvedFunction function) {
        String jar = function.jar();
        if (!namesALocalFile(jar)) {
            return List.of();
        }
        Path path;
        try {
            path = Path.of(jar);
        } catch (InvalidPathException e) {
            return List.of(new Violation(JAR, "'" + jar + "' is not a usable path (" + e.getReason() + ")"));
        }
        if (!path.isAbsolute()) {
            return List.of(); // the mode's preflight asks for an absolute path
        }
        Path real = real(path);
        if (real.startsWith(real(FunctionPackages.functionDir(packagesDir, ref))) || within(real, allowedDirs)) {
            return List.of();
        }
        String resolved = real.equals(path) ? "" : " (which is " + real + ")";
        return List.of(new Violation(JAR, "'" + jar + "'" + resolved + " is outside the directories this control"
                + " plane reads jars from (the jars uploaded for " + ref + ", and " + AdminConfig.ALLOWED_JAR_DIRS
                + ": " + (allowedDirs.isEmpty() ? "none are allowed" : allowedDirs) + "): upload the jar through Pulsar's"
                + " Functions API (pulsar-admin functions create --jar), or have its directory added to "
                + AdminConfig.ALLOWED_JAR_DIRS + " (magnetar standalone --allow-jar-dir DIR)"));
    }

    /** The jar as a file of this machine, if the function names one: an absolute path, where paths are local. */
    public Optional<Path> localFile(ResolvedFunction function) {
        String jar = function.jar();
        if (!namesALocalFile(jar)) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(jar);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The digest of a jar stored for {@code ref}, which its name is ({@code <sha256>.jar}): what the control plane
     * wrote, not what the file holds now. Empty for any other file.
     */
    public Optional<String> storedSha256(FunctionRef ref, Path file) {
        Path real = real(file);
        return real.getParent() != null && real.getParent().equals(real(FunctionPackages.functionDir(packagesDir, ref)))
                ? PackageDigest.ofStoredName(real) : Optional.empty();
    }

    /** A jar kept in Pulsar is no file; on Kubernetes a path is one inside the image. */
    private boolean namesALocalFile(String jar) {
        return pathsAreLocal && jar != null && !jar.isBlank() && !PulsarPackage.isPackage(jar);
    }

    /** Whether {@code file} (as it really is) lies in one of {@code dirs} (as they really are). */
    static boolean within(Path file, List<Path> dirs) {
        Path real = real(file);
        return dirs.stream().map(JarLocations::real).anyMatch(real::startsWith);
    }

    /**
     * The path as the file system resolves it. A path that does not exist is normalised and resolved from its
     * nearest existing ancestor: it cannot be read either, and the mode's preflight refuses it.
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            Path normalized = absolute.normalize();
            Path existing = normalized;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            try {
                return existing == null ? normalized : existing.toRealPath().resolve(existing.relativize(normalized));
            } catch (IOException unreadable) {
                return normalized;
            }
        }
    }
}
