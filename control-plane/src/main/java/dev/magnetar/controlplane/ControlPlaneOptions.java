package dev.magnetar.controlplane;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import java.nio.file.Path;

/**
 * How to start the control plane.
 *
 * @param port    HTTP port of the admin API and the gateway; 0 picks a free one
 * @param dataDir where definitions, replica files and logs are kept
 * @param pulsar  the Pulsar cluster functions run against
 */
public record ControlPlaneOptions(int port, Path dataDir, PulsarConnection pulsar) {
    public static final int DEFAULT_PORT = 7750;

    public ControlPlaneOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("control plane port " + port + " is not a port: use 0 to 65535 (0 = any free port)");
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("the control plane needs a data directory (magnetar.data-dir)");
        }
        if (pulsar == null) {
            throw new IllegalArgumentException("the control plane needs a Pulsar connection (service and admin URL)");
        }
    }
}
