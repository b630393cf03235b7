package dev.magnetar.bridge.pulsar;

import dev.magnetar.api.launch.PulsarTrust;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How the application's Pulsar clients check the broker's certificate on {@code pulsar+ssl://} and {@code https://}
 * ({@code magnetar.pulsar.tls-*}). With neither a certificates file nor a trust store, the JVM's default trust
 * applies. Standalone's replicas get the same settings.
 *
 * @param tlsTrustCertsFile          PEM file of the trusted certificates
 * @param tlsTrustStore              trust store file, instead of the PEM file
 * @param tlsTrustStoreType          {@code PKCS12} or {@code JKS}
 * @param tlsTrustStorePassword      the trust store's password
 * @param tlsHostnameVerification    whether the broker's certificate must name the host connected to
 * @param tlsAllowInsecureConnection accept any certificate: for tests only
 */
@ConfigurationProperties(PulsarConfig.PREFIX)
public record PulsarTrustConfig(
        @Nullable String tlsTrustCertsFile,
        @Nullable String tlsTrustStore,
        @Bindable(defaultValue = PulsarTrust.DEFAULT_STORE_TYPE) String tlsTrustStoreType,
        @Nullable String tlsTrustStorePassword,
        @Bindable(defaultValue = "true") boolean tlsHostnameVerification,
        @Bindable(defaultValue = "false") boolean tlsAllowInsecureConnection) {

    public static final String TRUST_CERTS_FILE = PulsarConfig.PREFIX + ".tls-trust-certs-file";
    public static final String TRUST_STORE = PulsarConfig.PREFIX + ".tls-trust-store";
    public static final String TRUST_STORE_TYPE = PulsarConfig.PREFIX + ".tls-trust-store-type";
    public static final String TRUST_STORE_PASSWORD = PulsarConfig.PREFIX + ".tls-trust-store-password";
    public static final String HOSTNAME_VERIFICATION = PulsarConfig.PREFIX + ".tls-hostname-verification";
    public static final String ALLOW_INSECURE_CONNECTION = PulsarConfig.PREFIX + ".tls-allow-insecure-connection";

    public PulsarTrust trust() {
        return new PulsarTrust(tlsTrustCertsFile, tlsTrustStore, tlsTrustStore == null ? null : tlsTrustStoreType,
                tlsTrustStorePassword, tlsHostnameVerification, tlsAllowInsecureConnection);
    }

    /** Without the password: Micronaut logs every bean it creates at DEBUG. */
    @Override
    public String toString() {
        return "PulsarTrustConfig[" + trust() + "]";
    }
}
