package dev.magnetar.cli.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.cli.CliException;
import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane;
import dev.magnetar.cli.http.AdminClient;
import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.token.TokenSettings;
import dev.magnetar.security.token.TokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The control plane's address and authentication as {@code magnetar standalone}'s flags set them. */
class StandaloneSecurityTest {
    @TempDir
    Path data;

    @Test
    void byDefaultTheControlPlaneListensOnLoopbackWithoutAuthentication() {
        StandaloneSecurity security = security();

        assertThat(security.properties()).isEqualTo(Map.of("micronaut.server.host", "127.0.0.1"));
        assertThat(security.authentication()).isFalse();
        assertThat(security.insecure()).isFalse();
        assertThat(data.resolve("auth")).doesNotExist();
    }

    @Test
    void bindingBeyondLoopbackWithoutAuthenticationIsRefusedBeforeAnythingStarts() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();

        CliRun run = CliRun.of("standalone", "--data-dir", data.toString(), "--bind", "0.0.0.0");

        assertThat(run.exitCode()).isEqualTo(CliException.USAGE);
        assertThat(run.errLines()).containsExactly("error: refusing to let the control plane listen on 0.0.0.0 (--bind)"
                + " without authentication, where anyone who reaches it could run code: add --auth to require tokens,"
                + " keep --bind 127.0.0.1, or accept the risk with --insecure-no-auth");
        assertThat(run.out()).as("no broker was started").isEmpty();
        assertThat(data.resolve("pulsar")).doesNotExist();
        assertThat(ProcessHandle.current().children().toList()).isEqualTo(children);
    }

    @Test
    void insecureNoAuthLetsItListenEverywhereAndTellsTheControlPlane() {
        StandaloneSecurity security = security("--bind", "0.0.0.0", "--insecure-no-auth");

        assertThat(security.properties()).containsEntry("micronaut.server.host", "0.0.0.0")
                .containsEntry("magnetar.auth.insecure-no-auth", true)
                .doesNotContainKey("magnetar.auth.enabled");
        assertThat(security.insecure()).isTrue();
        assertThat(security.listen().url(7750)).isEqualTo("http://127.0.0.1:7750");
    }

    @Test
    void authCreatesAnOwnerOnlyKeyAndSuperuserTokenAndTurnsAuthenticationOn() throws Exception {
        StandaloneSecurity security = security("--auth", "--bind", "0.0.0.0");
        StandaloneCredentials credentials = security.credentials();

        assertThat(security.properties()).containsEntry("magnetar.auth.enabled", true)
                .containsEntry("magnetar.auth.superuser-roles", List.of("admin"))
                .containsEntry("magnetar.auth.token-secret-key", data.resolve("auth/secret.key").toUri().toString())
                .containsEntry("micronaut.server.host", "0.0.0.0");
        assertThat(credentials.tokenFile()).isEqualTo(data.resolve("auth/superuser.token"));
        assertThat(permissions(data.resolve("auth"))).isEqualTo("rwx------");
        assertThat(permissions(credentials.secretKeyFile())).isEqualTo("rw-------");
        assertThat(permissions(credentials.tokenFile())).isEqualTo("rw-------");
        byte[] key = KeySetting.read("key", (String) security.properties().get("magnetar.auth.token-secret-key"));
        String stored = Files.readString(credentials.tokenFile()).strip();
        assertThat(new TokenVerifier(TokenSettings.secret(key)).verify(stored).role()).isEqualTo("admin");
        assertThat(security.adminToken()).isEqualTo(stored);
    }

    @Test
    void laterStartsReuseTheKeyAndTokenAndAnotherRoleGetsANewToken() throws Exception {
        StandaloneCredentials first = security("--auth").credentials();

        StandaloneCredentials again = security("--auth").credentials();
        StandaloneCredentials ops = security("--auth", "--superuser-role", "ops,admin").credentials();

        assertThat(again.secretKey()).isEqualTo(first.secretKey());
        assertThat(again.token()).isEqualTo(first.token());
        assertThat(ops.secretKey()).isEqualTo(first.secretKey());
        assertThat(new TokenVerifier(TokenSettings.secret(ops.secretKey())).verify(ops.token()).role()).isEqualTo("ops");
        assertThat(Files.readString(ops.tokenFile()).strip()).isEqualTo(ops.token());
    }

    @Test
    void aKeyFileThatCannotSignIsOneLineSayingToDeleteIt() throws IOException {
        Files.createDirectories(data.resolve("auth"));
        Files.write(data.resolve("auth/secret.key"), new byte[3]);

        CliRun run = CliRun.of("standalone", "--data-dir", data.toString(), "--auth");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(data.resolve("auth/secret.key").toString(), "delete it");
    }

    @Test
    void aSecretKeyOfTheUsersIsPassedThroughAndNothingIsWritten() throws Exception {
        byte[] key = new byte[32];
        String setting = KeySetting.dataUrl(key);

        StandaloneSecurity security = security("--token-secret-key", setting);

        assertThat(security.properties()).containsEntry("magnetar.auth.enabled", true)
                .containsEntry("magnetar.auth.token-secret-key", setting);
        assertThat(security.credentials()).isNull();
        assertThat(data.resolve("auth")).doesNotExist();
        assertThat(new TokenVerifier(TokenSettings.secret(key)).verify(security.adminToken()).expiresAt()).isNotNull();
    }

    @Test
    void aPublicKeyOfTheUsersIsPassedThroughWithItsAlgorithm() {
        Path publicKey = data.resolve("ec.pub");
        CliRun.of("tokens", "create-key-pair", "-a", "ES256", "--output-private-key", data.resolve("ec.key").toString(),
                "--output-public-key", publicKey.toString());

        StandaloneSecurity security = security("--token-public-key", publicKey.toString(), "--token-public-alg", "es256");

        assertThat(security.properties()).containsEntry("magnetar.auth.token-public-key", publicKey.toString())
                .containsEntry("magnetar.auth.token-public-alg", "ES256")
                .doesNotContainKey("magnetar.auth.token-secret-key");
        assertThat(security.adminToken()).isNull();
    }

    @Test
    void theSamplesAreDeployedWithTheSuperuserTokenWhenOneIsNeeded() throws IOException {
        StandaloneSecurity withAuth = security("--auth");
        try (FakeControlPlane server = new FakeControlPlane().answer(200, "[]")) {
            new AdminClient(StandaloneCommand.adminClient(server.url(), withAuth)).list("public", "default");
            assertThat(server.lastRequest().authorization()).isEqualTo("Bearer " + withAuth.credentials().token());

            new AdminClient(StandaloneCommand.adminClient(server.url(), security())).list("public", "default");
            assertThat(server.lastRequest().authorization()).isNull();
        }
        Path publicKey = data.resolve("rsa.pub");
        CliRun.of("tokens", "create-key-pair", "--output-private-key", data.resolve("rsa.key").toString(),
                "--output-public-key", publicKey.toString());
        assertThat(StandaloneCommand.adminClient("http://127.0.0.1:1", security("--token-public-key",
                publicKey.toString()))).isNull();
    }

    @Test
    void contradictoryOrUnusableFlagsAreOneLineNamingThem() {
        assertRefused(List.of("--token-secret-key", "a2V5", "--token-public-key", "a2V5"),
                "--token-secret-key", "--token-public-key");
        assertRefused(List.of("--auth", "--insecure-no-auth"), "--insecure-no-auth", "--auth");
        assertRefused(List.of("--bind", "no-such-host.invalid"), "--bind", "no-such-host.invalid");
        assertRefused(List.of("--token-public-key", data.resolve("absent.pub").toString()), "--token-public-key");
        assertRefused(List.of("--auth", "--superuser-role", ","), "--superuser-role");
    }

    @Test
    void theUrlOfTheControlPlaneIsWhereItListens() {
        assertThat(ListenAddress.parse("127.0.0.1").url(1)).isEqualTo("http://127.0.0.1:1");
        assertThat(ListenAddress.parse("::1").url(2)).isEqualTo("http://[::1]:2");
        assertThat(ListenAddress.parse("::").url(3)).isEqualTo("http://127.0.0.1:3");
        assertThat(ListenAddress.parse("localhost").loopback()).isTrue();
        assertThat(ListenAddress.parse("0.0.0.0").loopback()).isFalse();
    }

    private void assertRefused(List<String> flags, String... named) {
        assertThatThrownBy(() -> security(flags.toArray(String[]::new)))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(CliException.USAGE);
                    assertThat(e.getMessage()).doesNotContain("\n").contains(named);
                });
    }

    private StandaloneSecurity security(String... flags) {
        StandaloneCommand command = new StandaloneCommand();
        new CommandLine(command).parseArgs(flags);
        return command.settings(data).security();
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
