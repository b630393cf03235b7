package dev.magnetar.cli.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.CliRun;
import dev.magnetar.security.token.TokenSettings;
import dev.magnetar.security.token.TokenVerifier;
import dev.magnetar.security.token.VerifiedToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magnetar tokens}: the key files its commands write sign tokens that the control plane's verifier
 * accepts with the same files, and every mistake is one line naming the flag.
 */
class TokensCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aTokenSignedWithTheSecretKeyFileVerifiesWithIt() throws Exception {
        Path key = dir.resolve("secret.key");
        assertThat(CliRun.of("tokens", "create-secret-key", "--output", key.toString()).exitCode()).isZero();

        String token = created("--subject", "alice", "--secret-key", key.toUri().toString());

        assertThat(Files.readAllBytes(key)).hasSize(32);
        assertThat(permissions(key)).isEqualTo("rw-------");
        VerifiedToken verified = new TokenVerifier(TokenSettings.fromKeySettings(key.toString(), null, null,
                null, null, null, null)).verify(token);
        assertThat(verified.role()).isEqualTo("alice");
        assertThat(verified.expiresAt()).isNull();
    }

    @Test
    void aTokenSignedWithTheRsaPrivateKeyFileVerifiesWithThePublicKeyFile() throws Exception {
        Path[] pair = keyPair("RS256");

        String token = created("--subject", "acme-dev", "--private-key", pair[0].toString());

        assertThat(permissions(pair[0])).isEqualTo("rw-------");
        assertThat(roleVerifiedBy(pair[1], "RS256", token)).isEqualTo("acme-dev");
    }

    @Test
    void anEcKeyPairSignsES256AndTheExpiryTimeSetsExp() throws Exception {
        Path[] pair = keyPair("ES256");

        String token = created("--subject", "ops", "--expiry-time", "1d", "--private-key", pair[0].toUri().toString());

        VerifiedToken verified = new TokenVerifier(TokenSettings.fromKeySettings(null, pair[1].toString(), "ES256",
                null, null, null, null)).verify(token);
        assertThat(verified.role()).isEqualTo("ops");
        assertThat(verified.expiresAt()).isBetween(Instant.now().plus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    void withoutOutputTheSecretKeyIsPrintedAsBase64() {
        CliRun run = CliRun.of("tokens", "create-secret-key", "-a", "HS512");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Base64.getDecoder().decode(run.out().strip())).hasSize(64);
    }

    @Test
    void base64WritesTheKeyAsTextThatSignsToo() throws Exception {
        Path key = dir.resolve("secret.b64");
        assertThat(CliRun.of("tokens", "create-secret-key", "--base64", "--output", key.toString()).exitCode()).isZero();
        String text = Files.readString(key, StandardCharsets.US_ASCII);

        String token = created("--subject", "bob", "--secret-key", text);

        assertThat(new TokenVerifier(TokenSettings.secret(Base64.getDecoder().decode(text))).verify(token).role())
                .isEqualTo("bob");
    }

    @Test
    void validateNamesTheRoleOrSaysWhyNot() throws Exception {
        Path key = dir.resolve("secret.key");
        CliRun.of("tokens", "create-secret-key", "--output", key.toString());
        Path token = Files.writeString(dir.resolve("t.jwt"), created("--subject", "carol", "--secret-key", key.toString()));
        Path other = dir.resolve("other.key");
        CliRun.of("tokens", "create-secret-key", "--output", other.toString());

        CliRun valid = CliRun.of("tokens", "validate", "--secret-key", key.toString(), "--token-file", token.toString());
        CliRun invalid = CliRun.of("tokens", "validate", "--secret-key", other.toString(), "--token-file", token.toString());

        assertThat(valid.out()).isEqualTo("valid: role 'carol', never expires" + System.lineSeparator());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.errLines()).containsExactly("error: the token is not valid: the token's signature does not"
                + " match the configured key");
    }

    @Test
    void showPrintsTheClaims() throws Exception {
        Path key = dir.resolve("secret.key");
        CliRun.of("tokens", "create-secret-key", "--output", key.toString());

        CliRun run = CliRun.of("tokens", "show", created("--subject", "dave", "--secret-key", key.toString()));

        assertThat(run.out().lines()).containsExactly("{\"alg\":\"HS256\"}", "{\"sub\":\"dave\"}");
    }

    @Test
    void noKeyIsOneLineNamingBothKeyFlags() {
        assertOneLineNaming(CliRun.of("tokens", "create", "--subject", "x"), "--secret-key", "--private-key");
    }

    @Test
    void aMissingKeyFileIsOneLineNamingTheFlag() {
        assertOneLineNaming(CliRun.of("tokens", "create", "--subject", "x", "--secret-key",
                dir.resolve("absent.key").toUri().toString()), "--secret-key", "absent.key");
    }

    @Test
    void anUnsupportedAlgorithmIsOneLineNamingTheFlag() {
        assertOneLineNaming(CliRun.of("tokens", "create-secret-key", "-a", "XS256"), "--signature-algorithm", "XS256");
        assertOneLineNaming(CliRun.of("tokens", "create-key-pair", "-a", "HS256", "--output-private-key", "p",
                "--output-public-key", "q"), "--signature-algorithm", "create-secret-key");
    }

    @Test
    void anAlgorithmTheKeyCannotSignIsOneLineNamingTheFlags() throws IOException {
        Path key = Files.write(dir.resolve("secret.key"), new byte[32]);

        assertOneLineNaming(CliRun.of("tokens", "create", "--subject", "x", "-a", "RS256", "--secret-key",
                key.toString()), "--signature-algorithm", "--private-key");
        assertOneLineNaming(CliRun.of("tokens", "create", "--subject", "x", "-a", "HS512", "--secret-key",
                key.toString()), "--secret-key", "HS512");
    }

    @Test
    void aBadExpiryTimeIsOneLineNamingTheFlag() throws IOException {
        Path key = Files.write(dir.resolve("secret.key"), new byte[32]);

        assertOneLineNaming(CliRun.of("tokens", "create", "--subject", "x", "--expiry-time", "soon", "--secret-key",
                key.toString()), "--expiry-time", "soon");
    }

    @Test
    void aTokenThatDoesNotParseIsNotEchoed() {
        CliRun run = CliRun.of("tokens", "show", "s3cret-not-a-jwt");

        assertOneLineNaming(run, "not a signed JWT");
        assertThat(run.err()).doesNotContain("s3cret");
    }

    private String created(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "tokens";
        all[1] = "create";
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        return run.out().strip();
    }

    /** [private key file, public key file] */
    private Path[] keyPair(String algorithm) {
        Path privateKey = dir.resolve(algorithm + ".key");
        Path publicKey = dir.resolve(algorithm + ".pub");
        CliRun run = CliRun.of("tokens", "create-key-pair", "-a", algorithm, "--output-private-key", privateKey.toString(),
                "--output-public-key", publicKey.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new Path[] {privateKey, publicKey};
    }

    private static String roleVerifiedBy(Path publicKey, String algorithm, String token) throws Exception {
        return new TokenVerifier(TokenSettings.fromKeySettings(null, publicKey.toString(), algorithm, null, null, null,
                null)).verify(token).role();
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static void assertOneLineNaming(CliRun run, String... parts) {
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("error: ").contains(parts);
    }
}
