package dev.magnetar.cli.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.security.keys.KeyException;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.TokenIssuer;
import java.io.PrintWriter;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokens create}: a token for a role, signed as {@code pulsar tokens create} signs it, so the control
 * plane and a Pulsar broker with the same key both accept it.
 */
@Command(name = "create", description = "Create a token that grants a role, signed with a secret or private key.",
        footer = {"", "Examples:",
                "  magnetar tokens create --subject admin --secret-key file:///path/to/secret.key",
                "  magnetar tokens create --subject dev --expiry-time 30d --private-key private.key"})
public final class CreateTokenCommand implements Callable<Integer> {
    static final String SECRET_KEY = "--secret-key";
    static final String PRIVATE_KEY = "--private-key";

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--subject"}, paramLabel = "ROLE", required = true,
            description = "The role the token grants (its 'sub' claim)")
    String subject;

    @Option(names = {"-e", "--expiry-time"}, paramLabel = "TIME",
            description = "How long the token is valid: a number and s, m, h, d, w or y (e.g. 30d). Default: never expires")
    String expiryTime;

    @Option(names = {"-a", TokenKeys.ALGORITHM_FLAG}, paramLabel = "ALG",
            description = "Default: HS256 with a secret key, RS256 or ES256 as the private key is")
    String algorithm;

    /** Optional to picocli, so that a missing key is reported with the long flag names. */
    @ArgGroup(multiplicity = "0..1")
    SigningKey key;

    /** Exactly one key signs. */
    static final class SigningKey {
        @Option(names = {"-sk", SECRET_KEY}, paramLabel = "SETTING", required = true,
                description = "Secret key: data:;base64,<key>, file:///path, a path, or base64")
        String secretKey;

        @Option(names = {"-pk", PRIVATE_KEY}, paramLabel = "SETTING", required = true,
                description = "Private key (PKCS#8 DER) in the same forms")
        String privateKey;
    }

    @Override
    public Integer call() {
        if (subject.isBlank()) {
            throw TokenKeys.usage("--subject is empty: give the role the token grants, e.g. --subject admin", null);
        }
        if (key == null) {
            throw TokenKeys.usage("give the key that signs the token: " + SECRET_KEY + " SETTING or " + PRIVATE_KEY
                    + " SETTING", null);
        }
        Duration expiry = expiryTime == null ? null : TokenKeys.expiry("--expiry-time", expiryTime);
        String keyFlag = key.secretKey != null ? SECRET_KEY : PRIVATE_KEY;
        String token;
        try {
            token = issuer().create(subject, expiry);
        } catch (KeyException e) {
            throw TokenKeys.usage(keyFlag + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return 0;
    }

    private TokenIssuer issuer() {
        JWSAlgorithm alg = algorithm == null ? null : TokenKeys.algorithm(TokenKeys.ALGORITHM_FLAG, algorithm);
        if (key.secretKey != null) {
            if (alg != null && !JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                throw TokenKeys.usage(TokenKeys.ALGORITHM_FLAG + " " + alg + " signs with a private key: give "
                        + PRIVATE_KEY + ", or use HS256, HS384 or HS512 with " + SECRET_KEY, null);
            }
            byte[] secret = TokenKeys.secretKey(SECRET_KEY, key.secretKey);
            return TokenIssuer.withSecretKey(secret, alg == null ? SigningKeys.DEFAULT_SECRET_ALGORITHM : alg);
        }
        if (alg != null && JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw TokenKeys.usage(TokenKeys.ALGORITHM_FLAG + " " + alg + " signs with a secret key: give " + SECRET_KEY
                    + ", or use an RS or ES algorithm with " + PRIVATE_KEY, null);
        }
        PrivateKey privateKey = TokenKeys.privateKey(PRIVATE_KEY, key.privateKey);
        return TokenIssuer.withPrivateKey(privateKey, alg == null ? SigningKeys.defaultAlgorithm(privateKey) : alg);
    }
}
