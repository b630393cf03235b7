package dev.magnetar.runtime.loading;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.runtime.config.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The check that the jar about to be loaded is the one the control plane accepted: its SHA-256 must be the
 * one the launcher passed ({@link Option#PACKAGE_SHA256}). A jar changed on disk since is refused before any
 * of its classes is loaded, so a replica never runs code nobody submitted.
 */
public final class JarDigest {
    private JarDigest() {
    }

    /**
     * Returns {@code jar} when its digest is {@code expected} (or nothing is expected).
     *
     * @throws ConfigurationException naming the file, the expected and the actual digest
     */
    public static Path verify(Path jar, String expected) {
        if (expected == null) {
            return jar;
        }
        String actual = sha256(jar);
        if (!actual.equals(expected)) {
            throw new ConfigurationException("spec.runtime.jar: " + jar + " has SHA-256 " + actual + " but the function"
                    + " was accepted with " + expected + " (" + Option.PACKAGE_SHA256.flag() + "): the jar was changed"
                    + " since, so it is not loaded; update the function with the jar it should run");
        }
        return jar;
    }

    /** The SHA-256 of the file's bytes, lower-case hex. */
    static String sha256(Path jar) {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ConfigurationException("spec.runtime.jar: cannot read " + jar + " to check its SHA-256: "
                    + e.getMessage(), e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
