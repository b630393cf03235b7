package dev.magnetar.api.launch;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a Pulsar client checks the broker's certificate on {@code pulsar+ssl://} and {@code https://}: a PEM file of
 * trusted certificates, or a trust store; with neither, the JVM's default trust. The control plane's clients use it,
 * and its replicas get the same through {@link #environment()} (the environment, so the store's password is never on
 * a command line).
 *
 * @param certsFile               PEM file of the trusted certificates, or null
 * @param trustStore              trust store file (PKCS12 or JKS), or null
 * @param trustStoreType          {@code PKCS12} or {@code JKS}; null means {@value #DEFAULT_STORE_TYPE}
 * @param trustStorePassword      the trust store's password, or null
 * @param hostnameVerification    whether the broker's certificate must name the host the client connects to
 * @param allowInsecureConnection accept any certificate: for tests only
 */
public record PulsarTrust(String certsFile, String trustStore, String trustStoreType, String trustStorePassword,
                          boolean hostnameVerification, boolean allowInsecureConnection) {
    public static final String DEFAULT_STORE_TYPE = "PKCS12";
    /** The JVM's default trust, with hostname verification. */
    public static final PulsarTrust DEFAULT = new PulsarTrust(null, null, null, null, true, false);

    public PulsarTrust {
        certsFile = blankToNull(certsFile);
        trustStore = blankToNull(trustStore);
        trustStoreType = blankToNull(trustStoreType);
    }

    public static PulsarTrust certsFile(String file) {
        return new PulsarTrust(file, null, null, null, true, false);
    }

    public static PulsarTrust trustStore(String file, String type, String password) {
        return new PulsarTrust(null, file, type, password, true, false);
    }

    /** Pulsar's clients read the trust store in their key store mode; a PEM file otherwise. */
    public boolean usesTrustStore() {
        return trustStore != null;
    }

    public String trustStoreTypeOrDefault() {
        return trustStoreType == null ? DEFAULT_STORE_TYPE : trustStoreType;
    }

    /** The runtime's variables that carry these settings; only those that differ from {@link #DEFAULT}. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, Option.PULSAR_TLS_TRUST_CERTS_FILE, certsFile);
        put(env, Option.PULSAR_TLS_TRUST_STORE, trustStore);
        put(env, Option.PULSAR_TLS_TRUST_STORE_TYPE, trustStoreType);
        put(env, Option.PULSAR_TLS_TRUST_STORE_PASSWORD, trustStorePassword);
        if (!hostnameVerification) {
            env.put(Option.PULSAR_TLS_HOSTNAME_VERIFICATION.variable(), "false");
        }
        if (allowInsecureConnection) {
            env.put(Option.PULSAR_TLS_ALLOW_INSECURE_CONNECTION.variable(), "true");
        }
        return env;
    }

    private static void put(Map<String, String> env, Option option, String value) {
        if (value != null) {
            env.put(option.variable(), value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Without the password, which a record's own toString would print. */
    @Override
    public String toString() {
        return "PulsarTrust[certsFile=" + certsFile + ", trustStore=" + trustStore + ", trustStoreType=" + trustStoreType
                + ", trustStorePassword=" + (trustStorePassword == null ? "none" : "(hidden)")
                + ", hostnameVerification=" + hostnameVerification
                + ", allowInsecureConnection=" + allowInsecureConnection + "]";
    }
}
