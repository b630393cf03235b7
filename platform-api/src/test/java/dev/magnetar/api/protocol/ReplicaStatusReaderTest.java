package dev.magnetar.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.magnetar.api.protocol.ReplicaStatusReader.Address;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many replicas' {@code /status} read at once, from real HTTP servers standing in for them. */
class ReplicaStatusReaderTest {
    private static final String TOKEN = "replica-token";
    private HttpServer replica;
    private ServerSocket silent;

    @BeforeEach
    void startReplicas() throws IOException {
        replica = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        replica.createContext(ReplicaStatusReport.PATH, exchange -> {
            boolean opened = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = opened ? ReplicaStatusJson.write(report(10, 6, 1, 0)).getBytes(StandardCharsets.UTF_8)
                    : new byte[1];
            exchange.sendResponseHeaders(opened ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        replica.start();
        // Takes connections and never answers: a pod that hangs.
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopReplicas() throws IOException {
        replica.stop(0);
        silent.close();
    }

    @Test
    void readsEveryReplicaAtOnceAndSaysWhyAReplicaHasNoReport() {
        ReplicaStatusReader reader = new ReplicaStatusReader(Duration.ofMillis(1500));
        int port = replica.getAddress().getPort();
        warmUp(reader, port);

        long start = System.nanoTime();
        ReplicaStatusReader.Answers<String> answers = reader.readAll(Map.of(
                "answers", new Address("127.0.0.1", port, TOKEN),
                "refuses", new Address("127.0.0.1", port, "another function's"),
                "hangs", new Address("127.0.0.1", silent.getLocalPort(), TOKEN),
                "hangs too", new Address("127.0.0.1", silent.getLocalPort(), TOKEN),
                "hangs as well", new Address("127.0.0.1", silent.getLocalPort(), TOKEN),
                "no-ip-yet", new Address(null, port, TOKEN)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answers.reports()).containsOnlyKeys("answers");
        assertThat(ReplicaStatusReader.inFlight(answers.reports().get("answers"))).isEqualTo(3);
        assertThat(answers.failures()).containsOnlyKeys("refuses", "hangs", "hangs too", "hangs as well", "no-ip-yet");
        assertThat(answers.failures().get("refuses")).isEqualTo("it answered 401");
        assertThat(answers.failures().get("no-ip-yet")).isEqualTo("it has no address yet");
        assertThat(answers.failures().get("hangs")).contains("1500 ms");
        assertThat(took).as("one timeout for all, not one per replica").isLessThan(Duration.ofMillis(4000));
    }

    /** The first calls of a cold HTTP client on a loaded machine can overrun the timeout: not what is tested. */
    private static void warmUp(ReplicaStatusReader reader, int port) {
        Address answers = new Address("127.0.0.1", port, TOKEN);
        for (int attempt = 0; attempt < 20; attempt++) {
            if (!reader.readAll(Map.of("warm-up", answers)).reports().isEmpty()) {
                return;
            }
        }
    }

    @Test
    void whatAReplicaTookAndHasNotFinishedIsInFlight() {
        assertThat(ReplicaStatusReader.inFlight(report(10, 6, 1, 0))).isEqualTo(3);
        assertThat(ReplicaStatusReader.inFlight(report(10, 10, 0, 0))).isZero();
    }

    @Test
    void failuresAroundTheFunctionNeverMakeItNegative() {
        assertThat(ReplicaStatusReader.inFlight(report(3, 3, 0, 2))).isZero();
    }

    @Test
    void anIpv6AddressIsBracketed() {
        assertThat(new Address("fd00::7", 9090, TOKEN).uri()).hasToString("http://[fd00::7]:9090/status");
    }

    private static ReplicaStatusReport report(long received, long processed, long userExceptions, long systemExceptions) {
        return new ReplicaStatusReport(0, received, processed, userExceptions, systemExceptions, null, 0, List.of(),
                List.of(), new ReplicaStatusReport.Window(0, 0, 0, 0, null));
    }
}
