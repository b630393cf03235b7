package dev.magnetar.standalone.launcher;

import java.nio.file.Path;

/**
 * How to start the embedded broker JVM. A port of 0 picks a free one.
 *
 * @param dataDir    where the broker keeps metadata, ledgers and logs; survives restarts
 * @param bindAddress address the broker listens on and advertises
 * @param brokerPort Pulsar binary protocol port (6650 by default)
 * @param webPort    Pulsar admin/HTTP port (8080 by default)
 */
public record BrokerOptions(Path dataDir, String bindAddress, int brokerPort, int webPort) {
    public static final int DEFAULT_BROKER_PORT = 6650;
    public static final int DEFAULT_WEB_PORT = 8080;

    public static BrokerOptions defaults(Path dataDir) {
        return new BrokerOptions(dataDir, "127.0.0.1", DEFAULT_BROKER_PORT, DEFAULT_WEB_PORT);
    }

    /** Free ports on loopback: what tests use so parallel JVMs never collide. */
    public static BrokerOptions ephemeral(Path dataDir) {
        return new BrokerOptions(dataDir, "127.0.0.1", 0, 0);
    }
}
