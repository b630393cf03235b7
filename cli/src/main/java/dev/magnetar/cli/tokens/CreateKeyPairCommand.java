package dev.magnetar.cli.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.security.keys.SigningKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokens create-key-pair}: an RSA or EC key pair in the DER encodings Pulsar's tools write and read. */
@Command(name = "create-key-pair", description = "Create a key pair for RSA- or EC-signed tokens.",
        footer = {"", "Examples:",
                "  magnetar tokens create-key-pair --output-private-key private.key --output-public-key public.key",
                "  magnetar tokens create-key-pair -a ES256 --output-private-key ec.key --output-public-key ec.pub"})
public final class CreateKeyPairCommand implements Callable<Integer> {
    @Option(names = {"-a", TokenKeys.ALGORITHM_FLAG}, paramLabel = "ALG", defaultValue = "RS256",
            description = "RS256, RS384, RS512 (RSA 2048) or ES256, ES384, ES512 (EC). Default: ${DEFAULT-VALUE}")
    String algorithm;

    @Option(names = "--output-private-key", paramLabel = "FILE", required = true,
            description = "Write the private key here (PKCS#8 DER), readable by its owner only")
    Path privateKeyFile;

    @Option(names = "--output-public-key", paramLabel = "FILE", required = true,
            description = "Write the public key here (X.509 DER), for tokenPublicKey=file:///... (owner-only too;"
                    + " it is not a secret, share it as you like)")
    Path publicKeyFile;

    @Override
    public Integer call() {
        JWSAlgorithm alg = TokenKeys.algorithm(TokenKeys.ALGORITHM_FLAG, algorithm);
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw TokenKeys.usage(TokenKeys.ALGORITHM_FLAG + " " + alg + " signs with a secret key, not a key pair:"
                    + " use RS256, RS384, RS512, ES256, ES384 or ES512, or 'magnetar tokens create-secret-key'", null);
        }
        KeyPair pair = SigningKeys.newKeyPair(alg);
        TokenKeys.writeKey("--output-private-key", privateKeyFile, pair.getPrivate().getEncoded());
        TokenKeys.writeKey("--output-public-key", publicKeyFile, pair.getPublic().getEncoded());
        return 0;
    }
}
