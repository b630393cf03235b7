package dev.magnetar.cli.standalone;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.tokens.TokenKeys;
import dev.magnetar.controlplane.security.AuthConfig;
import dev.magnetar.security.keys.KeyException;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.TokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of {@code magnetar standalone} that decide where its control plane listens and whether it
 * requires tokens. Refuses, before anything starts, to listen beyond loopback without authentication unless
 * told to with {@code --insecure-no-auth}.
 */
final class SecurityOptions {
    static final String HOST_PROPERTY = "micronaut.server.host";
    static final String SUPERUSER_ROLES_PROPERTY = AuthConfig.PREFIX + ".superuser-roles";
    static final String SECRET_KEY_PROPERTY = AuthConfig.PREFIX + ".token-secret-key";
    static final String PUBLIC_KEY_PROPERTY = AuthConfig.PREFIX + ".token-public-key";
    static final String PUBLIC_ALG_PROPERTY = AuthConfig.PREFIX + ".token-public-alg";
    static final String INSECURE_PROPERTY = AuthConfig.PREFIX + ".insecure-no-auth";
    /** How long the token standalone signs for itself with a key of the user's is valid: the samples' deployment. */
    private static final Duration OWN_TOKEN_LIFETIME = Duration.ofMinutes(10);

    @Option(names = ListenAddress.FLAG, paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the control plane (admin API and gateway) listens on; beyond loopback (e.g."
                    + " 0.0.0.0) only with --auth or --insecure-no-auth. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--auth", description = "Require a token on every request but health. The first start creates"
            + " a secret key and a superuser token in <data-dir>/auth, later starts reuse them; the CLI finds the"
            + " token through the client.conf written at start")
    boolean auth;

    @Option(names = "--superuser-role", paramLabel = "ROLE", split = ",", defaultValue = "admin",
            description = "Roles that may do everything (comma-separated); the token --auth creates is the first's."
                    + " Default: ${DEFAULT-VALUE}")
    List<String> superuserRoles;

    @Option(names = "--token-secret-key", paramLabel = "SETTING",
            description = "Verify tokens with this HMAC key (e.g. a cluster's tokenSecretKey: data:;base64,<key>,"
                    + " file:///path, a path or base64) instead of creating one; turns authentication on")
    String tokenSecretKey;

    @Option(names = "--token-public-key", paramLabel = "SETTING",
            description = "Verify tokens with this RSA/EC public key (X.509 DER, same forms) instead; turns"
                    + " authentication on")
    String tokenPublicKey;

    @Option(names = "--token-public-alg", paramLabel = "ALG", defaultValue = "RS256",
            description = "Algorithm of --token-public-key: RS256, RS384, RS512, ES256, ES384 or ES512."
                    + " Default: ${DEFAULT-VALUE}")
    String tokenPublicAlg;

    @Option(names = "--insecure-no-auth", description = "Let --bind go beyond loopback with authentication off:"
            + " anyone who reaches the port may deploy and run code here")
    boolean insecureNoAuth;

    /** Checks the flags together and, for {@code --auth}, prepares the key and token under the data directory. */
    StandaloneSecurity resolve(Path dataDir) {
        ListenAddress listen = ListenAddress.parse(bind);
        List<String> roles = roles();
        if (tokenSecretKey != null && tokenPublicKey != null) {
            throw usage("give one of --token-secret-key (HMAC tokens) and --token-public-key (RSA/EC tokens), not both");
        }
        boolean authentication = auth || tokenSecretKey != null || tokenPublicKey != null;
        if (authentication && insecureNoAuth) {
            String on = auth ? "--auth" : tokenSecretKey != null ? "--token-secret-key" : "--token-public-key";
            throw usage("--insecure-no-auth is for running without authentication, which " + on + " turns on:"
                    + " drop one of them");
        }
        if (!authentication && !listen.loopback() && !insecureNoAuth) {
            throw usage("refusing to let the control plane listen on " + listen.host() + " (" + ListenAddress.FLAG
                    + ") without authentication, where anyone who reaches it could run code: add --auth to require"
                    + " tokens, keep " + ListenAddress.FLAG + " 127.0.0.1, or accept the risk with --insecure-no-auth");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(HOST_PROPERTY, listen.host());
        if (!authentication) {
            if (insecureNoAuth) {
                properties.put(INSECURE_PROPERTY, true);
            }
            return new StandaloneSecurity(listen, false, List.of(), null, null, properties);
        }
        properties.put(AuthConfig.ENABLED_PROPERTY, true);
        properties.put(SUPERUSER_ROLES_PROPERTY, roles);
        return withKey(listen, roles, dataDir, properties);
    }

    private StandaloneSecurity withKey(ListenAddress listen, List<String> roles, Path dataDir,
                                       Map<String, Object> properties) {
        if (tokenPublicKey != null) {
            JWSAlgorithm algorithm = TokenKeys.algorithm("--token-public-alg", tokenPublicAlg);
            TokenKeys.publicKey("--token-public-key", tokenPublicKey, algorithm);
            properties.put(PUBLIC_KEY_PROPERTY, tokenPublicKey);
            properties.put(PUBLIC_ALG_PROPERTY, algorithm.getName());
            return new StandaloneSecurity(listen, true, roles, null, null, properties);
        }
        if (tokenSecretKey != null) {
            byte[] key = TokenKeys.secretKey("--token-secret-key", tokenSecretKey);
            properties.put(SECRET_KEY_PROPERTY, tokenSecretKey);
            return new StandaloneSecurity(listen, true, roles, null, ownToken(key, roles.get(0)), properties);
        }
        StandaloneCredentials credentials = StandaloneCredentials.prepare(dataDir, roles.get(0));
        properties.put(SECRET_KEY_PROPERTY, credentials.secretKeyFile().toUri().toString());
        return new StandaloneSecurity(listen, true, roles, credentials, credentials.token(), properties);
    }

    /** A short-lived superuser token, kept in memory only: a key of the user's gets no token written to disk. */
    private static String ownToken(byte[] key, String role) {
        try {
            return TokenIssuer.withSecretKey(key, SigningKeys.DEFAULT_SECRET_ALGORITHM).create(role, OWN_TOKEN_LIFETIME);
        } catch (KeyException e) {
            throw usage("--token-secret-key: " + e.getMessage());
        }
    }

    private List<String> roles() {
        List<String> roles = superuserRoles.stream().map(String::strip).filter(role -> !role.isEmpty()).toList();
        if (roles.isEmpty()) {
            throw usage("--superuser-role is empty: give the role that may do everything, e.g. --superuser-role admin");
        }
        return roles;
    }

    private static CliException usage(String message) {
        return new CliException(message, CliException.USAGE, null);
    }
}
