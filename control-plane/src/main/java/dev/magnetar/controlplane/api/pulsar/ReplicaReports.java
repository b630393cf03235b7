package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.protocol.ReplicaStatusReader;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a replica's {@link ReplicaStatusReport} from {@code GET /status} on its HTTP port
 * ({@link ReplicaStatusReader}). A replica that does not answer reports nothing: its status shows zeros (or what
 * earlier reports counted) rather than failing the whole request.
 */
final class ReplicaReports {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReports.class);
    private static final ReplicaStatusReader READER = new ReplicaStatusReader(Duration.ofSeconds(2));

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
        ReplicaStatusReader.Address address = new ReplicaStatusReader.Address(host, httpPort, token);
        if (!address.known()) {
            return Optional.empty();
        }
        try {
            return Optional.of(READER.read(address).get());
        } catch (ExecutionException e) {
            LOG.debug("replica {} did not report its status on {}:{}: {}", instanceId, host, httpPort,
                    ReplicaStatusReader.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
