package dev.magnetar.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.bridge.pulsar.PulsarTlsIdentity;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.CapturedOutput;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane given only the broker's {@code pulsar+ssl://} and {@code https://} URLs and a trust store, with
 * hostname verification: it provisions a function's topics over HTTPS, its replica connects over TLS with the trust
 * it was handed, and a call through the gateway gets the function's answer. A trust store that cannot be used stops
 * the control plane at start, naming the setting, never showing the password.
 */
class PulsarTlsIT {
    private static final String NAME = "exclamation-tls";
    /** The call waits in the subscription while the replica starts: the deadline covers a slow start. */
    private static final long CALL_TIMEOUT_MS = 90_000;

    @TempDir
    Path dataDir;

    @Test
    void aFunctionDeployedOverTlsAnswersThroughTheGateway() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        String password = pulsar.trustStorePassword();
        String log;
        try (CapturedOutput output = CapturedOutput.start()) {
            try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, tls(pulsar,
                    PulsarTrust.trustStore(pulsar.trustStore().toString(), TestCertificates.TYPE, password))),
                    Samples.allowJars())) {
                ControlPlaneClient client = new ControlPlaneClient(plane.url());
                Function exclamation = Samples.exclamation(pulsar.uniqueTopic("tls-in"), null, 1);
                exclamation.getSpec().setTimeoutMs(CALL_TIMEOUT_MS);
                assertThat(client.create(NAME, Samples.json(exclamation)).statusCode()).isEqualTo(200);

                HttpResponse<String> answer = client.invoke(NAME, "hello");

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("hello!");
                assertThat(client.status(NAME).toString()).doesNotContain(password);
            }
            log = output.text();
        }
        assertThat(log).as("the capture works").contains("public/default/" + NAME).doesNotContain(password);
        for (Path file : filesIn(dataDir)) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(password);
        }
    }

    @Test
    void aTrustStoreThatIsMissingOrDoesNotOpenStopsTheControlPlaneNamingTheSetting() {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        Path missing = dataDir.resolve("no-such-trust.p12");

        assertThatThrownBy(() -> ControlPlane.start(new ControlPlaneOptions(0, dataDir, tls(pulsar,
                PulsarTrust.trustStore(missing.toString(), TestCertificates.TYPE, "any")))))
                .hasMessageStartingWith("cannot start the control plane on port 0: magnetar.pulsar.tls-trust-store="
                        + missing + " is not a readable file")
                .hasMessageNotContaining("port is taken");
        assertThatThrownBy(() -> ControlPlane.start(new ControlPlaneOptions(0, dataDir, tls(pulsar,
                PulsarTrust.trustStore(pulsar.trustStore().toString(), TestCertificates.TYPE, "wrong-s3cret")))))
                .hasMessageContaining("cannot open magnetar.pulsar.tls-trust-store=" + pulsar.trustStore())
                .hasMessageContaining("magnetar.pulsar.tls-trust-store-password")
                .hasMessageNotContaining("wrong-s3cret");
    }

    private static PulsarConnection tls(EmbeddedPulsar pulsar, PulsarTrust trust) {
        return new PulsarConnection(pulsar.tlsServiceUrl(), pulsar.tlsAdminUrl()).withTls(trust, PulsarTlsIdentity.NONE);
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        try (Stream<Path> tree = Files.walk(dir)) {
            return tree.filter(Files::isRegularFile).toList();
        }
    }
}
