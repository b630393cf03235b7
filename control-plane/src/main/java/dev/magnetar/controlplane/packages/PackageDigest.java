package dev.magnetar.controlplane.packages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** The SHA-256 by which jars are stored, recorded and checked: lower-case hex. */
final class PackageDigest {
    /** How a stored jar is named: its digest. */
    private static final Pattern STORED_NAME = Pattern.compile("([0-9a-f]{64})\\.jar");

    private PackageDigest() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of a file's bytes. */
    static String of(Path file) {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return hex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to take its SHA-256: " + e.getMessage(), e);
        }
    }

    /** The digest a stored jar's name gives, {@code <sha256>.jar}; empty for any other name. */
    static Optional<String> ofStoredName(Path jar) {
        var matcher = STORED_NAME.matcher(jar.getFileName().toString());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
