package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.CrashingFunction;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call to a function none of whose replicas can start is answered 503 at once, saying why. */
class FailingReplicasGatewayIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path jars;

    @Test
    void aCallToAFunctionWhoseEveryReplicaFailsIs503AtOnceWithTheReason() {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), Samples.allowJars(jars))) {
            ControlPlaneClient client = new ControlPlaneClient(plane.url());
            assertThat(client.create("crashing", Samples.json(Samples.crashing(jars, pulsar.uniqueTopic("crash-in"), 2)))
                    .statusCode()).isEqualTo(200);
            await("both replicas to have failed").atMost(Duration.ofSeconds(60)).until(() -> {
                int failed = 0;
                for (var instance : client.status("crashing").get("instances")) {
                    failed += instance.path("lastError").isTextual() ? 1 : 0;
                }
                return failed == 2;
            });

            HttpResponse<String> response = client.invoke("crashing", "hello");

            // A call that waited for a reply would end at its deadline with 504: the 503 is the answer given at once.
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(ControlPlaneClient.json(response.body()).get("reason").asText())
                    .contains("public/default/crashing", CrashingFunction.REASON);
        }
    }
}
