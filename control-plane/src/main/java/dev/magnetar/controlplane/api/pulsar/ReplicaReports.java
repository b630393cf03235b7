package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.protocol.ReplicaStatusJson;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a replica's {@link ReplicaStatusReport} from {@code GET /status} on its HTTP port. A replica
 * that does not answer reports nothing: its status shows zeros (or what earlier reports counted) rather
 * than failing the whole request.
 */
final class ReplicaReports {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReports.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private ReplicaReports() {
    }

    /** The report of a replica that is not running or did not answer. */
    static ReplicaStatusReport none(int instanceId) {
        return new ReplicaStatusReport(instanceId, 0, 0, 0, 0, null, 0, List.of(), List.of(),
                new ReplicaStatusReport.Window(0, 0, 0, 0, null));
    }

    /**
     * The replica's report; empty when it has no port yet or did not answer.
     *
     * @param host  loopback for a local replica, the pod's IP on Kubernetes; null when it has none yet
     * @param token the function's replica access token
     */
    static Optional<ReplicaStatusReport> read(int instanceId, String host, int httpPort, String token) {
        if (httpPort <= 0 || host == null || host.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort
                + ReplicaStatusReport.PATH);
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Optional.of(ReplicaStatusJson.read(response.body()));
            }
            LOG.debug("replica {} answered {} on {}", instanceId, response.statusCode(), uri);
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.debug("replica {} did not report its status on {}: {}", instanceId, uri, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
