package dev.magnetar.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.config.ClientConfig;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magnetar standalone --auth} as a user runs it: the CLI in another terminal works with no flag, through
 * the client config standalone wrote, and without a token it gets one line saying so. Standalone runs on the
 * test JVM's shared broker ({@code --pulsar-url}); the CLI's default client config is redirected into a
 * temporary directory through {@code MAGNETAR_CLIENT_CONF}, so the real home directory is never touched.
 */
class StandaloneAuthE2E {
    @TempDir
    static Path work;
    private static Path dataDir;
    private static Path defaultConfig;
    private static CliProcess cli;
    private static StandaloneProcess standalone;

    @BeforeAll
    static void startStandalone() throws IOException {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        dataDir = work.resolve("data");
        defaultConfig = work.resolve("home/.magnetar/client.conf");
        cli = new CliProcess(work, Map.of(ClientConfig.PATH_ENV, defaultConfig.toString()));
        standalone = StandaloneProcess.start(cli, work.resolve("standalone.log"), List.of("--auth",
                "--data-dir", dataDir.toString(), "--pulsar-url", pulsar.serviceUrl(),
                "--pulsar-admin-url", pulsar.adminUrl()), freePort());
        standalone.awaitRunning("/health/liveness");
    }

    @AfterAll
    static void stopStandalone() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void theBannerSaysWhereTheKeyTokenAndConfigsAreButNeverTheToken() throws IOException {
        Path tokenFile = dataDir.resolve("auth/superuser.token");

        assertThat(standalone.output()).contains(dataDir.resolve("auth/secret.key").toString(), tokenFile.toString(),
                dataDir.resolve("client.conf").toString(), defaultConfig.toString())
                .doesNotContain(Files.readString(tokenFile).strip());
    }

    @Test
    void theCliFindsTheControlPlaneAndTheTokenThroughTheWrittenConfig() {
        CliProcess.Result list = cli.run("functions", "list");

        assertThat(list.exitCode()).as("%s", list).isZero();
    }

    @Test
    void withoutATokenTheCliSaysSoInOneLine() throws IOException {
        Path noToken = Files.writeString(work.resolve("no-token.conf"), "webServiceUrl=" + standalone.adminUrl() + "\n");

        CliProcess.Result list = cli.run("functions", "list", "--config", noToken.toString());

        assertThat(list.exitCode()).as("%s", list).isEqualTo(1);
        assertThat(list.err().lines()).as("%s", list).hasSize(1).first().asString()
                .contains("needs a bearer token", "(HTTP 401)");
    }

    @Test
    void aTokenMadeWithTheGeneratedKeyIsAcceptedForASuperuser() throws IOException {
        CliProcess.Result token = cli.run("tokens", "create", "--subject", "admin", "--expiry-time", "1h",
                "--secret-key", dataDir.resolve("auth/secret.key").toUri().toString());
        assertThat(token.exitCode()).as("%s", token).isZero();
        Path config = Files.writeString(work.resolve("made.conf"), "webServiceUrl=" + standalone.adminUrl()
                + "\nauthParams=token:" + token.out().strip() + "\n");

        CliProcess.Result list = cli.run("functions", "list", "--config", config.toString());

        assertThat(list.exitCode()).as("%s", list).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
