package dev.magnetar.standalone;

import dev.magnetar.api.launch.BrokerReadyLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;

/**
 * TLS beside the plain ports: the binary protocol on {@code --tls-broker-port} ({@code pulsar+ssl://}) and the admin
 * API on {@code --tls-web-port} ({@code https://}), with the key pair of {@code --tls-key-store}. Its password comes
 * from the environment ({@link BrokerReadyLine#TLS_KEY_STORE_PASSWORD_ENV}): a command line is visible to every
 * local user. A port is absent (null) when not asked for; 0 picks a free one.
 */
record BrokerTls(Integer brokerPort, Integer webPort, Path keyStore, String keyStoreType, String keyStorePassword) {
    static final String DEFAULT_KEY_STORE_TYPE = "PKCS12";
    static final String BROKER_PORT = "--tls-broker-port";
    static final String WEB_PORT = "--tls-web-port";
    static final String KEY_STORE = "--tls-key-store";
    static final String KEY_STORE_TYPE = "--tls-key-store-type";

    /** TLS from the {@code --tls-*} options given, or null when none is. */
    static BrokerTls of(Map<String, String> options, Map<String, String> env) throws StartupFailure {
        if (options.isEmpty()) {
            return null;
        }
        if (!options.containsKey(BROKER_PORT) && !options.containsKey(WEB_PORT)) {
            throw new StartupFailure(KEY_STORE + " is given without a TLS port: add " + BROKER_PORT + " and/or "
                    + WEB_PORT + " (0 picks a free one), or leave the TLS options out");
        }
        String keyStore = options.get(KEY_STORE);
        if (keyStore == null) {
            throw new StartupFailure("a TLS port needs " + KEY_STORE + " FILE: the broker's key pair (PKCS12 or JKS)");
        }
        String password = env.get(BrokerReadyLine.TLS_KEY_STORE_PASSWORD_ENV);
        if (password == null) {
            throw new StartupFailure(KEY_STORE + " needs its password in the environment variable "
                    + BrokerReadyLine.TLS_KEY_STORE_PASSWORD_ENV);
        }
        String type = options.getOrDefault(KEY_STORE_TYPE, DEFAULT_KEY_STORE_TYPE);
        Path file = Path.of(keyStore).toAbsolutePath().normalize();
        checkLoads(file, type, password);
        return new BrokerTls(port(options, BROKER_PORT), port(options, WEB_PORT), file, type, password);
    }

    private static Integer port(Map<String, String> options, String option) throws StartupFailure {
        String value = options.get(option);
        return value == null ? null : BrokerArguments.port(option, value);
    }

    /** Reading the store here turns a wrong path, type or password into one line instead of a broker stack trace. */
    private static void checkLoads(Path file, String type, String password) throws StartupFailure {
        if (!Files.isReadable(file)) {
            throw new StartupFailure(KEY_STORE + " " + file + " is not a readable file: give the broker's key store");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance(type).load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupFailure("cannot read " + KEY_STORE + " " + file + " as " + type + " with the password in "
                    + BrokerReadyLine.TLS_KEY_STORE_PASSWORD_ENV + ": " + e.getMessage()
                    + "; check the file, " + KEY_STORE_TYPE + " and the password");
        }
    }

    /** Without the password, which a record's own toString would print. */
    @Override
    public String toString() {
        return "BrokerTls[brokerPort=" + brokerPort + ", webPort=" + webPort + ", keyStore=" + keyStore
                + ", keyStoreType=" + keyStoreType + "]";
    }
}
