package dev.magnetar.bridge.pulsar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/**
 * Reads the TLS files a setting names once, at start, so a wrong path, type or password is one message naming the
 * setting instead of a handshake failure on first use. Messages never hold a password. The failure carries the
 * reader's reason in its message, not as its cause: applications report the root cause, which is this one then.
 */
final class TlsFiles {
    private TlsFiles() {
    }

    /** A PEM file with at least one certificate. */
    static void requireCertificates(String setting, String file) {
        Path path = readable(setting, file);
        try (InputStream in = Files.newInputStream(path)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new IllegalArgumentException(setting + "=" + file + " holds no certificate: give a PEM file"
                        + " of certificates (-----BEGIN CERTIFICATE-----)");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + setting + "=" + file + " as PEM certificates: "
                    + e.getMessage() + "; give a PEM file of certificates");
        }
    }

    /** A key store that opens with its type and password. */
    static void requireKeyStore(String setting, String file, String type, String typeSetting, String passwordSetting,
                                String password) {
        Path path = readable(setting, file);
        if (password == null) {
            throw new IllegalArgumentException(passwordSetting + " is not set: " + setting + "=" + file
                    + " needs its password");
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore.getInstance(type).load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open " + setting + "=" + file + " as " + typeSetting + "=" + type
                    + " with " + passwordSetting + ": " + e.getMessage() + "; check the file, its type and password");
        }
    }

    /** A file this process can read. */
    static Path readable(String setting, String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(setting + "=" + file + " is not a valid path: " + e.getReason());
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(setting + "=" + file + " is not a readable file: give the path of an"
                    + " existing file, or leave " + setting + " unset");
        }
        return path;
    }
}
