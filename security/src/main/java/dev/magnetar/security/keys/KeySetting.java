package dev.magnetar.security.keys;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Reads key bytes from a setting written the way a Pulsar broker takes {@code tokenSecretKey} and
 * {@code tokenPublicKey}: {@code data:;base64,<base64>}, {@code file:///path}, a path to a file, or
 * the base64 text itself. A file holds the raw key bytes that {@code pulsar tokens create-secret-key}
 * and {@code create-key-pair} write, so a cluster's key files work here unchanged.
 */
public final class KeySetting {
    private static final String DATA_PREFIX = "data:";
    /** Far above any RSA or EC key's encoding; keeps a mistaken path from being read whole. */
    private static final long MAX_KEY_FILE_BYTES = 64 * 1024;

    private KeySetting() {
    }

    /**
     * @param name  the setting's name, for the error message
     * @param value its value
     * @throws KeyException when the value is none of the accepted forms or the file can't be read
     */
    public static byte[] read(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new KeyException(name + " is empty: give data:;base64,<key>, file:///path/to/key or a path");
        }
        String setting = value.strip();
        if (setting.startsWith(DATA_PREFIX)) {
            return dataUrl(name, setting);
        }
        if (setting.startsWith("file:")) {
            return file(name, fileUrlPath(name, setting));
        }
        Path path = pathOrNull(setting);
        if (path != null && Files.isRegularFile(path)) {
            return file(name, path);
        }
        try {
            return Base64.getDecoder().decode(setting);
        } catch (IllegalArgumentException e) {
            // The value may be a mistyped key: never echo it.
            throw new KeyException(name + " is neither an existing file nor base64;"
                    + " give data:;base64,<key>, file:///path/to/key or a path to the key file");
        }
    }

    /** The form Pulsar's settings take for key bytes given inline. */
    public static String dataUrl(byte[] key) {
        return DATA_PREFIX + ";base64," + Base64.getEncoder().encodeToString(key);
    }

    private static byte[] dataUrl(String name, String setting) {
        int comma = setting.indexOf(',');
        if (comma < 0 || !setting.substring(0, comma).endsWith(";base64")) {
            throw new KeyException(name + ": a data URL must be base64, as in data:;base64,<key>");
        }
        try {
            return Base64.getDecoder().decode(setting.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new KeyException(name + ": the data URL's key is not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static Path fileUrlPath(String name, String setting) {
        try {
            return Path.of(URI.create(setting));
        } catch (IllegalArgumentException e) {
            throw new KeyException(name + ": '" + setting + "' is not a file URL; write file:///absolute/path");
        }
    }

    private static Path pathOrNull(String setting) {
        try {
            return Path.of(setting);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static byte[] file(String name, Path path) {
        try {
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                throw new KeyException(name + ": " + path + " is not a regular file: name the key file itself");
            }
            if (Files.exists(path) && Files.size(path) > MAX_KEY_FILE_BYTES) {
                throw new KeyException(name + ": " + path + " is larger than any key (" + MAX_KEY_FILE_BYTES
                        + " bytes at most): name the key file itself");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new KeyException(name + ": cannot read the key file " + path + " (" + e.getMessage() + ")");
        }
    }
}
