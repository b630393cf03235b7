package dev.magnetar.standalone.launcher;

import java.nio.file.Path;

/**
 * How to start the embedded broker JVM. A port of 0 picks a free one.
 *
 * @param dataDir    where the broker keeps metadata, ledgers and logs; survives restarts
 * @param bindAddress address the broker listens on and advertises
 * @param brokerPort Pulsar binary protocol port (6650 by default)
 * @param webPort    Pulsar admin/HTTP port (8080 by default)
 * @param tls        TLS ports beside the plain ones, or null for none
 */
public record BrokerOptions(Path dataDir, String bindAddress, int brokerPort, int webPort, Tls tls) {
    public static final int DEFAULT_BROKER_PORT = 6650;
    public static final int DEFAULT_WEB_PORT = 8080;

    public BrokerOptions(Path dataDir, String bindAddress, int brokerPort, int webPort) {
        this(dataDir, bindAddress, brokerPort, webPort, null);
    }

    public static BrokerOptions defaults(Path dataDir) {
        return new BrokerOptions(dataDir, "127.0.0.1", DEFAULT_BROKER_PORT, DEFAULT_WEB_PORT);
    }

    /** Free ports on loopback: what tests use so parallel JVMs never collide. */
    public static BrokerOptions ephemeral(Path dataDir) {
        return new BrokerOptions(dataDir, "127.0.0.1", 0, 0);
    }

    public BrokerOptions withTls(Tls tls) {
        return new BrokerOptions(dataDir, bindAddress, brokerPort, webPort, tls);
    }

    /**
     * The binary protocol ({@code pulsar+ssl://}) and the admin API ({@code https://}) over TLS, with the broker's key
     * pair from a key store.
     *
     * @param brokerPort       TLS binary protocol port
     * @param webPort          HTTPS admin port
     * @param keyStore         the broker's key pair and certificate
     * @param keyStoreType     {@code PKCS12} or {@code JKS}
     * @param keyStorePassword reaches the broker in its environment, never on its command line
     */
    public record Tls(int brokerPort, int webPort, Path keyStore, String keyStoreType, String keyStorePassword) {
        /** Without the password, which a record's own toString would print. */
        @Override
        public String toString() {
            return "Tls[brokerPort=" + brokerPort + ", webPort=" + webPort + ", keyStore=" + keyStore
                    + ", keyStoreType=" + keyStoreType + "]";
        }
    }
}
