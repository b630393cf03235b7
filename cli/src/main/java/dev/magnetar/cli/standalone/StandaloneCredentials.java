package dev.magnetar.cli.standalone;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.config.PrivateFiles;
import dev.magnetar.security.keys.KeyException;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.InvalidTokenException;
import dev.magnetar.security.token.TokenIssuer;
import dev.magnetar.security.token.TokenSettings;
import dev.magnetar.security.token.TokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The secret key and superuser token of {@code magnetar standalone --auth}, kept owner-only under
 * {@code <data>/auth}: created on the first start, reused on later ones. A token the key no longer accepts,
 * or one for another role, is replaced; deleting the key makes a new key and token.
 *
 * @param secretKeyFile the HS256 key, raw bytes as {@code pulsar tokens create-secret-key} writes them
 * @param tokenFile     the superuser's token, never expiring
 * @param secretKey     the key's bytes
 * @param token         the token
 */
record StandaloneCredentials(Path secretKeyFile, Path tokenFile, byte[] secretKey, String token) {
    static final String DIRECTORY = "auth";
    static final String SECRET_KEY_FILE = "secret.key";
    static final String TOKEN_FILE = "superuser.token";
    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;

    /** @param role the superuser role the token grants */
    static StandaloneCredentials prepare(Path dataDir, String role) {
        Path dir = dataDir.resolve(DIRECTORY);
        Path keyFile = dir.resolve(SECRET_KEY_FILE);
        Path tokenFile = dir.resolve(TOKEN_FILE);
        try {
            PrivateFiles.directory(dir);
            byte[] key = Files.exists(keyFile) ? Files.readAllBytes(keyFile) : newKey(keyFile);
            String token = reusableToken(tokenFile, key, role, keyFile);
            if (token == null) {
                token = issuer(key, keyFile).create(role, null);
                PrivateFiles.write(tokenFile, token + System.lineSeparator());
            }
            return new StandaloneCredentials(keyFile, tokenFile, key, token);
        } catch (IOException e) {
            throw new CliException("--auth: cannot keep the key and token in " + dir + " (" + e + "); choose a writable"
                    + " --data-dir", e);
        }
    }

    private static byte[] newKey(Path keyFile) throws IOException {
        byte[] key = SigningKeys.newSecretKey(ALGORITHM);
        PrivateFiles.write(keyFile, key);
        return key;
    }

    /** The stored token when the key accepts it for the role; null when a new one is needed. */
    private static String reusableToken(Path tokenFile, byte[] key, String role, Path keyFile) throws IOException {
        if (!Files.isRegularFile(tokenFile)) {
            return null;
        }
        String token = Files.readString(tokenFile).strip();
        try {
            TokenVerifier verifier = new TokenVerifier(TokenSettings.secret(key));
            return role.equals(verifier.verify(token).role()) ? token : null;
        } catch (InvalidTokenException e) {
            return null;
        } catch (KeyException e) {
            throw unusableKey(keyFile, e);
        }
    }

    private static TokenIssuer issuer(byte[] key, Path keyFile) {
        try {
            return TokenIssuer.withSecretKey(key, ALGORITHM);
        } catch (KeyException e) {
            throw unusableKey(keyFile, e);
        }
    }

    private static CliException unusableKey(Path keyFile, KeyException e) {
        return new CliException("--auth: " + keyFile + " is not a usable " + ALGORITHM + " key (" + e.getMessage()
                + "); delete it to have a new key and token made", e);
    }
}
