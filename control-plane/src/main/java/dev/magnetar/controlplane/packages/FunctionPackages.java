package dev.magnetar.controlplane.packages;

import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.store.FunctionRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Function jars received through the admin API, kept content-addressed under
 * {@code <packagesDir>/<tenant>/<namespace>/<name>/<sha256>.jar}: the same upload twice is one file,
 * and a definition keeps pointing at the bytes it was created with. No jar over
 * {@code magnetar.admin.max-package-size} is kept, however it arrives.
 */
public final class FunctionPackages {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionPackages.class);
    private final Path packagesDir;
    private final List<Path> allowedDirs;
    private final long maxSize;
    private final PackageDownload download;

    public FunctionPackages(Path packagesDir, AdminConfig config) {
        this.packagesDir = packagesDir.toAbsolutePath().normalize();
        this.allowedDirs = config.allowedJarDirs();
        this.maxSize = config.maxPackageSize();
        this.download = new PackageDownload(config.allowedPackageHosts(), config.downloadTimeout());
    }

    /** Where the jars of one function are kept. */
    static Path functionDir(Path packagesDir, FunctionRef ref) {
        return packagesDir.resolve(ref.tenant()).resolve(ref.namespace()).resolve(ref.name());
    }

    /** Stores an uploaded jar and returns its absolute path. */
    public Path store(FunctionRef ref, InputStream jar) {
        Path dir = dir(ref);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".upload", ".tmp");
            try {
                MessageDigest sha256 = PackageDigest.newDigest();
                try (InputStream in = new DigestInputStream(jar, sha256);
                     OutputStream out = Files.newOutputStream(temp)) {
                    copyAtMostMaxSize(in, out, ref);
                }
                if (Files.size(temp) == 0) {
                    throw new PackageException("the function package of " + ref + " is empty: send the jar's bytes");
                }
                Path target = dir.resolve(PackageDigest.hex(sha256) + ".jar");
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the package of " + ref + " under " + dir + ": " + e.getMessage(), e);
        }
    }

    private void copyAtMostMaxSize(InputStream in, OutputStream out, FunctionRef ref) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > maxSize) {
                throw new PackageTooLargeException("the function package of " + ref, maxSize);
            }
            out.write(buffer, 0, read);
        }
    }

    /** The jar stored for {@code ref} whose SHA-256 is {@code sha256}, if this machine has it. */
    public Optional<Path> stored(FunctionRef ref, String sha256) {
        Path jar = dir(ref).resolve(sha256 + ".jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** Removes the jars stored for {@code ref} except {@code keep} (null: all of them); best effort. */
    public void prune(FunctionRef ref, Path keep) {
        Path dir = dir(ref);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(jar -> jar.getFileName().toString().endsWith(".jar") && !jar.equals(keep)).forEach(jar -> {
                try {
                    Files.deleteIfExists(jar);
                } catch (IOException e) {
                    LOG.debug("could not remove {}: {}", jar, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debug("could not list {}: {}", dir, e.getMessage());
        }
    }

    /** Removes every jar stored for {@code ref}, and its directory. */
    public void removeAll(FunctionRef ref) {
        prune(ref, null);
        try {
            Files.deleteIfExists(dir(ref));
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", dir(ref), e.getMessage());
        }
    }

    private Path dir(FunctionRef ref) {
        return functionDir(packagesDir, ref);
    }

    /**
     * Fetches the jar {@code url} names and stores it: {@code http(s):} is downloaded from an allowed host
     * ({@link PackageDownload}), {@code file:} is copied when it lies inside an allowed directory; anything
     * else is refused.
     */
    public Path fetch(FunctionRef ref, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new PackageException("url '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        return switch (scheme) {
            case "file" -> copyLocal(ref, uri);
            case "http", "https" -> download(ref, uri);
            default -> throw new PackageException("url '" + url + "' has scheme '" + scheme + "': give an http(s) URL,"
                    + " a function:// package, a file: URL inside a directory the server allows, or upload the jar");
        };
    }

    private Path copyLocal(FunctionRef ref, URI uri) {
        Path file;
        try {
            file = JarLocations.real(Path.of(uri));
        } catch (IllegalArgumentException e) {
            throw new PackageException("url '" + uri + "' is not a local file URL: write it as file:/absolute/path.jar");
        }
        if (!JarLocations.within(file, allowedDirs)) {
            throw new PackageException("url '" + uri + "' is outside the directories this server reads jars from ("
                    + (allowedDirs.isEmpty() ? "none are allowed" : allowedDirs) + "): upload the jar instead, or have"
                    + " the operator add its directory to " + AdminConfig.ALLOWED_JAR_DIRS);
        }
        if (!Files.isRegularFile(file)) {
            throw new PackageException("url '" + uri + "': " + file + " does not exist or is not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return store(ref, in);
        } catch (IOException e) {
            throw new PackageException("url '" + uri + "': cannot read " + file + ": " + e.getMessage());
        }
    }

    private Path download(FunctionRef ref, URI uri) {
        try (InputStream body = download.open(uri)) {
            return store(ref, body);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not fetch the package {}: {}", uri, e.toString());
            throw new PackageException("could not fetch " + uri + ": check the URL, or upload the jar instead");
        }
    }
}
