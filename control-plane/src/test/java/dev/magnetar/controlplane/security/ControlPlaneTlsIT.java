package dev.magnetar.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.TokenIssuer;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The control plane serving HTTPS with a self-signed pair, reached by Pulsar's own admin client with a token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPlaneTlsIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private final byte[] secret = SigningKeys.newSecretKey(JWSAlgorithm.HS256);
    private Path keyStore;
    private ControlPlane plane;

    @BeforeAll
    void start() throws Exception {
        keyStore = selfSigned(dir.resolve("server.p12"));
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dir.resolve("data"),
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), Map.of(
                ControlPlane.TLS_ENABLED_PROPERTY, true,
                "micronaut.server.ssl.key-store.path", "file:" + keyStore,
                "micronaut.server.ssl.key-store.password", PASSWORD,
                "micronaut.server.ssl.key-store.type", "PKCS12",
                "magnetar.auth.enabled", true,
                "magnetar.auth.token-secret-key", KeySetting.dataUrl(secret),
                "magnetar.auth.superuser-roles", List.of("admin")));
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void servesHttpsWithTheConfiguredPair() throws Exception {
        assertThat(plane.url()).startsWith("https://127.0.0.1:");
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(plane.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(plane.url().replace("https:", "http:") + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).as("plain HTTP on the TLS port").isInstanceOf(Exception.class);
    }

    @Test
    void pulsarsAdminClientWorksOverTlsWithAToken() throws Exception {
        String token = TokenIssuer.withSecretKey(secret, JWSAlgorithm.HS256).create("admin", Duration.ofMinutes(5));
        try (PulsarAdmin admin = tlsAdmin(AuthenticationFactory.token(token));
             PulsarAdmin anonymous = tlsAdmin(null)) {
            assertThat(admin.functions().getFunctions("public", "default")).isNotNull();
            assertThatThrownBy(() -> anonymous.functions().getFunctions("public", "default"))
                    .isInstanceOf(PulsarAdminException.NotAuthorizedException.class);
        }
    }

    private PulsarAdmin tlsAdmin(org.apache.pulsar.client.api.Authentication authentication) throws Exception {
        var builder = PulsarAdmin.builder().serviceHttpUrl(plane.url())
                .useKeyStoreTls(true).tlsTrustStoreType("PKCS12").tlsTrustStorePath(keyStore.toString())
                .tlsTrustStorePassword(PASSWORD).requestTimeout(30, TimeUnit.SECONDS);
        if (authentication != null) {
            builder.authentication(authentication);
        }
        return builder.build();
    }

    /** A self-signed EC pair for 127.0.0.1 and localhost, made by the JDK's keytool. */
    private static Path selfSigned(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "magnetar", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return file;
    }

    private static SSLContext trusting(Path keyStoreFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
