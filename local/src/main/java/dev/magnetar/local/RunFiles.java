package dev.magnetar.local;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's files under {@code <dataDir>/run/<tenant.namespace.name>/}: {@code function.yaml}, the definition
 * in effect, and one {@code function-<hash>.yaml} per definition its replicas run. A replica reads the latter, which
 * never changes while a replica may start from it: a replica of the old definition that restarts during an update
 * (or after its rollback) starts from the old definition, not the new one.
 */
final class RunFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RunFiles.class);
    private static final String IN_EFFECT = "function.yaml";
    private static final String VERSION_PREFIX = "function-";

    private final Path dir;

    RunFiles(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code definition} as the one in effect and as the file of its version, which it returns. */
    Path write(Function definition, String signature) {
        Path version = dir.resolve(VERSION_PREFIX + hash(signature) + ".yaml");
        replace(version, definition);
        replace(dir.resolve(IN_EFFECT), definition);
        return version;
    }

    /** Writes {@code definition} as the one in effect again (after a rollback). */
    void inEffect(Function definition) {
        replace(dir.resolve(IN_EFFECT), definition);
    }

    /** Deletes the files of every other version, once no replica starts from them any more. */
    void keepOnly(Path version) {
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(dir, VERSION_PREFIX + "*.yaml")) {
            for (Path file : versions) {
                if (!file.equals(version)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.debug("could not clean {}: {}", dir, e.getMessage());
        }
    }

    void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not clean {}: {}", dir, e.getMessage());
        }
    }

    private void replace(Path file, Function definition) {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".function", ".tmp");
            Files.writeString(temp, FunctionDocuments.toYaml(definition));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " for the replicas: " + e.getMessage(), e);
        }
    }

    private static String hash(String signature) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signature.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
