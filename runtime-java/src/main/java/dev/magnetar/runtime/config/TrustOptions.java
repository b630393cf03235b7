package dev.magnetar.runtime.config;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** The {@code --pulsar-tls-*} options: how the replica's Pulsar client checks the broker's certificate. */
final class TrustOptions {
    private TrustOptions() {
    }

    /** From the option values by flag; each file named must be readable here. */
    static PulsarTrust read(Map<String, String> values) {
        PulsarTrust trust = new PulsarTrust(values.get(Option.PULSAR_TLS_TRUST_CERTS_FILE.flag()),
                values.get(Option.PULSAR_TLS_TRUST_STORE.flag()), values.get(Option.PULSAR_TLS_TRUST_STORE_TYPE.flag()),
                values.get(Option.PULSAR_TLS_TRUST_STORE_PASSWORD.flag()),
                bool(values, Option.PULSAR_TLS_HOSTNAME_VERIFICATION, true),
                bool(values, Option.PULSAR_TLS_ALLOW_INSECURE_CONNECTION, false));
        if (trust.certsFile() != null && trust.usesTrustStore()) {
            throw new ConfigurationException("set one of " + Option.PULSAR_TLS_TRUST_CERTS_FILE.flag() + " and "
                    + Option.PULSAR_TLS_TRUST_STORE.flag() + ", not both");
        }
        readable(Option.PULSAR_TLS_TRUST_CERTS_FILE, trust.certsFile());
        readable(Option.PULSAR_TLS_TRUST_STORE, trust.trustStore());
        return trust;
    }

    private static boolean bool(Map<String, String> values, Option option, boolean fallback) {
        String value = values.get(option.flag());
        if (value == null) {
            return fallback;
        }
        if (value.strip().equalsIgnoreCase("true") || value.strip().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.strip());
        }
        throw new ConfigurationException(option.flag() + " (" + option.variable() + ") is '" + value
                + "': give true or false");
    }

    private static void readable(Option option, String file) {
        if (file == null) {
            return;
        }
        try {
            if (Files.isRegularFile(Path.of(file)) && Files.isReadable(Path.of(file))) {
                return;
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new ConfigurationException(option.flag() + " (" + option.variable() + ") " + file
                + " is not a readable file: give the path of the file that trusts the broker's certificate");
    }
}
