package dev.magnetar.standalone;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The broker's command line. Every port may be 0, meaning "pick a free one".
 *
 * @param dataDir     where metadata, ledgers, logs and the lock file live; survives restarts
 * @param bindAddress address the broker and its web service listen on (ZooKeeper, the bookie and the table service
 *                    stay on loopback: see {@link StateStorage})
 * @param brokerPort  Pulsar binary protocol port
 * @param webPort     Pulsar admin HTTP port
 * @param parentPid   when set, this process owns the broker: it stops it (signals are left to it while it
 *                    runs), and the broker stops once it is gone (no orphaned brokers)
 * @param tls         TLS ports beside the plain ones, or null for none
 */
record BrokerArguments(Path dataDir, String bindAddress, int brokerPort, int webPort, OptionalLong parentPid,
                       BrokerTls tls) {
    static final String USAGE = "usage: --data-dir DIR [--bind-address ADDR] [--broker-port P] [--web-port P]"
            + " [--parent-pid PID] [--tls-broker-port P] [--tls-web-port P] [--tls-key-store FILE"
            + " [--tls-key-store-type PKCS12|JKS]] (a port of 0 picks a free one)";

    /** The options, and the key store password from {@code env}. */
    static BrokerArguments parse(Map<String, String> env, String... args) throws StartupFailure {
        Path dataDir = null;
        String bindAddress = "127.0.0.1";
        int brokerPort = 6650;
        int webPort = 8080;
        OptionalLong parentPid = OptionalLong.empty();
        Map<String, String> tls = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new StartupFailure("option " + option + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (option) {
                case "--data-dir" -> dataDir = path(value);
                case "--bind-address" -> bindAddress = value;
                case "--broker-port" -> brokerPort = port(option, value);
                case "--web-port" -> webPort = port(option, value);
                case "--parent-pid" -> parentPid = OptionalLong.of(number(option, value));
                case BrokerTls.BROKER_PORT, BrokerTls.WEB_PORT, BrokerTls.KEY_STORE, BrokerTls.KEY_STORE_TYPE ->
                        tls.put(option, value);
                default -> throw new StartupFailure("unknown option '" + option + "'; " + USAGE);
            }
        }
        if (dataDir == null) {
            throw new StartupFailure("--data-dir is required: the directory that keeps the broker's data; " + USAGE);
        }
        return new BrokerArguments(dataDir, bindAddress, brokerPort, webPort, parentPid, BrokerTls.of(tls, env));
    }

    private static Path path(String value) throws StartupFailure {
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StartupFailure("--data-dir '" + value + "' is not a valid path: " + e.getReason());
        }
        try {
            // Pulsar addresses its RocksDB metadata store by an unescaped URI of this path.
            new URI("metadata-store:rocksdb://" + path);
        } catch (URISyntaxException e) {
            int index = e.getIndex() - "metadata-store:rocksdb://".length();
            String character = index >= 0 && index < path.toString().length()
                    ? "'" + path.toString().charAt(index) + "' at index " + index : "a character";
            throw new StartupFailure("--data-dir '" + path + "' cannot be used: Pulsar's metadata store URL cannot hold "
                    + character + " (spaces and other URI-reserved characters); pick a path without them");
        }
        return path;
    }

    static int port(String option, String value) throws StartupFailure {
        long port = number(option, value);
        if (port < 0 || port > 65535) {
            throw new StartupFailure(option + " " + value + " is out of range: use 1-65535, or 0 to pick a free port");
        }
        return (int) port;
    }

    private static long number(String option, String value) throws StartupFailure {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupFailure(option + " '" + value + "' is not a number"
                    + (option.endsWith("-port") ? ": use 1-65535, or 0 to pick a free port" : ""));
        }
    }
}
