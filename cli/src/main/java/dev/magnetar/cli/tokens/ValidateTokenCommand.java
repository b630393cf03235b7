package dev.magnetar.cli.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.cli.CliException;
import dev.magnetar.security.keys.KeyException;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.InvalidTokenException;
import dev.magnetar.security.token.TokenSettings;
import dev.magnetar.security.token.TokenVerifier;
import dev.magnetar.security.token.VerifiedToken;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokens validate}: whether a key accepts a token, as the control plane and a Pulsar broker check it. */
@Command(name = "validate", description = "Check a token's signature and expiry against a key; print its role.",
        footer = {"", "Examples:",
                "  magnetar tokens validate --secret-key file:///path/to/secret.key --token-file admin.token",
                "  magnetar tokens validate --public-key public.key eyJhbGciOiJSUzI1NiJ9..."})
public final class ValidateTokenCommand implements Callable<Integer> {
    static final String SECRET_KEY = "--secret-key";
    static final String PUBLIC_KEY = "--public-key";

    @Spec
    CommandSpec spec;
    @Mixin
    TokenInput input;

    @Option(names = {"-a", TokenKeys.ALGORITHM_FLAG}, paramLabel = "ALG",
            description = "The public key's algorithm (RS or ES). Default: RS256")
    String algorithm;

    /** Optional to picocli, so that a missing key is reported with the long flag names. */
    @ArgGroup(multiplicity = "0..1")
    VerifyingKey key;

    /** Exactly one key verifies. */
    static final class VerifyingKey {
        @Option(names = {"-sk", SECRET_KEY}, paramLabel = "SETTING", required = true,
                description = "Secret key: data:;base64,<key>, file:///path, a path, or base64")
        String secretKey;

        @Option(names = {"-pk", PUBLIC_KEY}, paramLabel = "SETTING", required = true,
                description = "Public key (X.509 DER) in the same forms")
        String publicKey;
    }

    @Override
    public Integer call() {
        if (key == null) {
            throw TokenKeys.usage("give the key that verifies the token: " + SECRET_KEY + " SETTING or " + PUBLIC_KEY
                    + " SETTING", null);
        }
        String token = input.read();
        TokenVerifier verifier;
        try {
            verifier = new TokenVerifier(settings());
        } catch (KeyException e) {
            throw TokenKeys.usage((key.secretKey != null ? SECRET_KEY : PUBLIC_KEY) + ": " + e.getMessage(), e);
        }
        VerifiedToken verified;
        try {
            verified = verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw new CliException("the token is not valid: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("valid: role '" + verified.role() + "', "
                + (verified.expiresAt() == null ? "never expires" : "expires at " + verified.expiresAt()));
        out.flush();
        return 0;
    }

    private TokenSettings settings() {
        if (key.secretKey != null) {
            return TokenSettings.secret(TokenKeys.secretKey(SECRET_KEY, key.secretKey));
        }
        JWSAlgorithm alg = algorithm == null ? SigningKeys.DEFAULT_KEY_PAIR_ALGORITHM
                : TokenKeys.algorithm(TokenKeys.ALGORITHM_FLAG, algorithm);
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw TokenKeys.usage(TokenKeys.ALGORITHM_FLAG + " " + alg + " is verified with a secret key: give "
                    + SECRET_KEY + ", or use an RS or ES algorithm with " + PUBLIC_KEY, null);
        }
        return TokenSettings.publicKey(TokenKeys.publicKey(PUBLIC_KEY, key.publicKey, alg));
    }
}
