package dev.magnetar.controlplane.packages;

import dev.magnetar.controlplane.config.AdminConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Files kept by path through Pulsar's {@code functions upload} and read back by {@code functions download --path}:
 * {@code <dir>/<path>} on the control plane's disk, at most {@code magnetar.admin.max-package-size} each. A path is
 * relative, its segments letters, digits and {@code . _ - = : @}, none of them {@code .} or {@code ..}: it always
 * names a file inside the directory.
 */
public final class UploadedPackages {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=:@-]{1,128}");
    private static final int MAX_PATH = 1024;
    private final Path dir;
    private final long maxSize;

    public UploadedPackages(Path dir, AdminConfig config) {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxSize = config.maxPackageSize();
    }

    /** Stores {@code data} at {@code path}, replacing what was there. */
    public void store(String path, InputStream data) {
        Path target = resolve(path);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            try {
                try (InputStream in = data; OutputStream out = Files.newOutputStream(temp)) {
                    copy(in, out, path);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload at path '" + path + "': " + e.getMessage(), e);
        }
    }

    /** The file kept at {@code path}. */
    public Path file(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new PackageNotFoundException("nothing was uploaded at path '" + path + "': upload it first"
                    + " (pulsar-admin functions upload --source-file FILE --path " + path + ")");
        }
        return file;
    }

    private Path resolve(String path) {
        if (path == null || path.isBlank()) {
            throw new PackageException("path: none was given: name where the file is kept, like"
                    + " tenant/namespace/name/file.jar");
        }
        String[] segments = path.split("/", -1);
        boolean valid = path.length() <= MAX_PATH;
        for (String segment : segments) {
            valid &= SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
        }
        if (!valid) {
            throw new PackageException("path: '" + path + "' is not a relative path of names made of letters, digits"
                    + " and . _ - = : @ (no '.' or '..', no empty or leading '/'): use one like"
                    + " tenant/namespace/name/file.jar");
        }
        return dir.resolve(path).normalize();
    }

    private void copy(InputStream in, OutputStream out, String path) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > maxSize) {
                throw new PackageTooLargeException("the upload at path '" + path + "'", maxSize);
            }
            out.write(buffer, 0, read);
        }
    }
}
