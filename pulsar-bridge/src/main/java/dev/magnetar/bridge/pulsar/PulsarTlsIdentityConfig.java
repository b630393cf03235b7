package dev.magnetar.bridge.pulsar;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The client certificate the application authenticates to Pulsar with (mutual TLS, {@code magnetar.pulsar.tls-*}):
 * a PEM certificate and key, or a key store. An alternative to {@code magnetar.pulsar.auth-token}, not an addition.
 * It never reaches a function, which brings its own credentials.
 *
 * @param tlsCertFile         the client certificate, PEM
 * @param tlsKeyFile          its private key, PKCS#8 PEM
 * @param tlsKeyStore         a key store holding both, instead of the files
 * @param tlsKeyStoreType     {@code PKCS12} or {@code JKS}
 * @param tlsKeyStorePassword the key store's password
 */
@ConfigurationProperties(PulsarConfig.PREFIX)
public record PulsarTlsIdentityConfig(
        @Nullable String tlsCertFile,
        @Nullable String tlsKeyFile,
        @Nullable String tlsKeyStore,
        @Bindable(defaultValue = "PKCS12") String tlsKeyStoreType,
        @Nullable String tlsKeyStorePassword) {

    public static final String CERT_FILE = PulsarConfig.PREFIX + ".tls-cert-file";
    public static final String KEY_FILE = PulsarConfig.PREFIX + ".tls-key-file";
    public static final String KEY_STORE = PulsarConfig.PREFIX + ".tls-key-store";
    public static final String KEY_STORE_TYPE = PulsarConfig.PREFIX + ".tls-key-store-type";
    public static final String KEY_STORE_PASSWORD = PulsarConfig.PREFIX + ".tls-key-store-password";

    public PulsarTlsIdentity identity() {
        return new PulsarTlsIdentity(tlsCertFile, tlsKeyFile, tlsKeyStore, tlsKeyStore == null ? null : tlsKeyStoreType,
                tlsKeyStorePassword);
    }

    /** Without the password: Micronaut logs every bean it creates at DEBUG. */
    @Override
    public String toString() {
        return "PulsarTlsIdentityConfig[" + identity() + "]";
    }
}
