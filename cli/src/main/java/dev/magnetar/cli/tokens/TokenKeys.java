package dev.magnetar.cli.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.config.PrivateFiles;
import dev.magnetar.security.keys.KeyException;
import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.Expiry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/**
 * Keys, algorithms and expiry times read from the command line, each failure one line naming the flag.
 * Key settings take the forms a Pulsar broker takes: {@code data:;base64,...}, {@code file:///path}, a path,
 * or the base64 text.
 */
public final class TokenKeys {
    static final String ALGORITHM_FLAG = "--signature-algorithm";

    private TokenKeys() {
    }

    /** @param flag the flag the name came from */
    public static JWSAlgorithm algorithm(String flag, String name) {
        try {
            return SigningKeys.algorithm(name);
        } catch (KeyException e) {
            throw usage(flag + ": " + e.getMessage(), e);
        }
    }

    public static byte[] secretKey(String flag, String setting) {
        try {
            return KeySetting.read(flag, setting);
        } catch (KeyException e) {
            throw usage(e.getMessage(), e);
        }
    }

    public static PublicKey publicKey(String flag, String setting, JWSAlgorithm algorithm) {
        try {
            return SigningKeys.publicKey(flag, KeySetting.read(flag, setting), algorithm);
        } catch (KeyException e) {
            throw usage(e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(String flag, String setting) {
        try {
            return SigningKeys.privateKey(flag, KeySetting.read(flag, setting));
        } catch (KeyException e) {
            throw usage(e.getMessage(), e);
        }
    }

    static Duration expiry(String flag, String text) {
        try {
            return Expiry.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(flag + ": " + e.getMessage(), e);
        }
    }

    /** Writes key bytes that only the owner may read; a failure names the flag that named the file. */
    static void writeKey(String flag, Path file, byte[] key) {
        try {
            PrivateFiles.write(file, key);
        } catch (IOException e) {
            throw new CliException(flag + " " + file + ": cannot write the key (" + e + "); choose a writable path",
                    CliException.USAGE, e);
        }
    }

    static CliException usage(String message, Throwable cause) {
        return new CliException(message, CliException.USAGE, cause);
    }
}
