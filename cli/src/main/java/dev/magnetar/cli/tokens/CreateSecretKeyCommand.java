package dev.magnetar.cli.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.security.keys.SigningKeys;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokens create-secret-key}: a random HMAC key, as raw bytes in a file or as base64 text. */
@Command(name = "create-secret-key", description = "Create a secret key for HMAC-signed tokens (HS256, HS384, HS512).",
        footer = {"", "Examples:",
                "  magnetar tokens create-secret-key --output secret.key",
                "  magnetar tokens create-secret-key --base64"})
public final class CreateSecretKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-a", TokenKeys.ALGORITHM_FLAG}, paramLabel = "ALG", defaultValue = "HS256",
            description = "HS256, HS384 or HS512: the key is as long as its hash. Default: ${DEFAULT-VALUE}")
    String algorithm;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the key to this file, readable by its owner only (raw bytes, as a Pulsar broker's"
                    + " tokenSecretKey=file:///... reads it). Without it the key is printed as base64")
    Path output;

    @Option(names = {"-b", "--base64"}, description = "Write the key to --output as base64 text instead of raw bytes")
    boolean base64;

    @Override
    public Integer call() {
        JWSAlgorithm alg = TokenKeys.algorithm(TokenKeys.ALGORITHM_FLAG, algorithm);
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw TokenKeys.usage(TokenKeys.ALGORITHM_FLAG + " " + alg + " signs with a key pair, not a secret key:"
                    + " use HS256, HS384 or HS512, or 'magnetar tokens create-key-pair'", null);
        }
        byte[] key = SigningKeys.newSecretKey(alg);
        String text = Base64.getEncoder().encodeToString(key);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(text);
            out.flush();
        } else {
            TokenKeys.writeKey("--output", output, base64 ? text.getBytes(StandardCharsets.US_ASCII) : key);
        }
        return 0;
    }
}
