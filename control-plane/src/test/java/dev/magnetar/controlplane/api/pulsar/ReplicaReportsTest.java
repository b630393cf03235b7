package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.magnetar.api.protocol.ReplicaStatusJson;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a replica's {@code /status} where it runs: loopback locally, the pod's IP on Kubernetes. */
class ReplicaReportsTest {
    private static final String TOKEN = "replica-token";
    private HttpServer replica;

    @BeforeEach
    void startReplica() throws IOException {
        ReplicaStatusReport report = new ReplicaStatusReport(3, 10, 8, 2, 0, 1.5, 1_700_000_000_000L,
                List.of(new ReplicaStatusReport.ExceptionEntry("boom", 1_700_000_000_000L)), List.of(),
                new ReplicaStatusReport.Window(10, 8, 2, 0, 1.5));
        replica = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        replica.createContext(ReplicaStatusReport.PATH, exchange -> {
            boolean opened = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = opened ? ReplicaStatusJson.write(report).getBytes(StandardCharsets.UTF_8) : new byte[1];
            exchange.sendResponseHeaders(opened ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        replica.start();
    }

    @AfterEach
    void stopReplica() {
        replica.stop(0);
    }

    @Test
    void readsTheReportFromTheReplicasHostAndPort() {
        // Awaited: the first call of a cold HTTP client on a loaded machine can overrun the 2 s timeout.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ReplicaStatusReport read = ReplicaReports.read(3, "127.0.0.1", replica.getAddress().getPort(), TOKEN)
                    .orElseThrow();
            assertThat(read.processed()).isEqualTo(8);
            assertThat(read.latestUserExceptions()).extracting(ReplicaStatusReport.ExceptionEntry::message)
                    .containsExactly("boom");
        });
    }

    @Test
    void aReplicaWithoutAddressOrPortReportsNothing() {
        assertThat(ReplicaReports.read(3, null, replica.getAddress().getPort(), TOKEN)).as("pod without IP yet").isEmpty();
        assertThat(ReplicaReports.read(3, "127.0.0.1", -1, TOKEN)).isEmpty();
    }

    @Test
    void aReplicaRefusingTheTokenReportsNothing() {
        assertThat(ReplicaReports.read(3, "127.0.0.1", replica.getAddress().getPort(), "another function's")).isEmpty();
    }
}
