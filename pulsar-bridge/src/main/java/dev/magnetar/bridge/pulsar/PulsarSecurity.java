package dev.magnetar.bridge.pulsar;

import dev.magnetar.api.launch.PulsarTrust;
import org.apache.pulsar.client.admin.PulsarAdminBuilder;
import org.apache.pulsar.client.api.Authentication;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.impl.auth.AuthenticationKeyStoreTls;

/**
 * How the application's clients prove who they are (a token, or a client certificate) and check the broker's
 * certificate over TLS. Pulsar reads TLS files either all as PEM or all as key stores: a trust store or an identity
 * key store switches its clients to key stores, so the two are not mixed with PEM files.
 */
final class PulsarSecurity {
    private PulsarSecurity() {
    }

    /** Fails naming the setting when the settings contradict each other or a file cannot be read. */
    static void check(PulsarConnection connection) {
        PulsarTrust trust = connection.trust();
        PulsarTlsIdentity identity = connection.identity();
        if (trust.certsFile() != null && trust.usesTrustStore()) {
            throw new IllegalArgumentException("set one of " + PulsarTrustConfig.TRUST_CERTS_FILE + " and "
                    + PulsarTrustConfig.TRUST_STORE + ", not both");
        }
        if (identity.isSet()) {
            TlsIdentityCheck.requireConsistent(identity, trust,
                    connection.authToken() != null && !connection.authToken().isBlank());
        }
        if (trust.certsFile() != null) {
            TlsFiles.requireCertificates(PulsarTrustConfig.TRUST_CERTS_FILE, trust.certsFile());
        }
        if (trust.usesTrustStore()) {
            TlsFiles.requireKeyStore(PulsarTrustConfig.TRUST_STORE, trust.trustStore(), trust.trustStoreTypeOrDefault(),
                    PulsarTrustConfig.TRUST_STORE_TYPE, PulsarTrustConfig.TRUST_STORE_PASSWORD, trust.trustStorePassword());
        }
        if (identity.isSet()) {
            TlsIdentityCheck.requireReadable(identity);
        }
    }

    /** Key store mode when either side is a key store; otherwise PEM, or the JVM's default trust. */
    static boolean usesKeyStores(PulsarConnection connection) {
        return connection.trust().usesTrustStore() || connection.identity().usesKeyStore();
    }

    static void apply(ClientBuilder builder, PulsarConnection connection) {
        PulsarTrust trust = connection.trust();
        if (usesKeyStores(connection)) {
            builder.useKeyStoreTls(true).tlsTrustStoreType(trust.trustStoreTypeOrDefault())
                    .tlsTrustStorePath(trust.trustStore()).tlsTrustStorePassword(password(trust));
        } else if (trust.certsFile() != null) {
            builder.tlsTrustCertsFilePath(trust.certsFile());
        }
        builder.enableTlsHostnameVerification(trust.hostnameVerification())
                .allowTlsInsecureConnection(trust.allowInsecureConnection());
        Authentication authentication = authentication(connection);
        if (authentication != null) {
            builder.authentication(authentication);
        }
    }

    static void apply(PulsarAdminBuilder builder, PulsarConnection connection) {
        PulsarTrust trust = connection.trust();
        if (usesKeyStores(connection)) {
            builder.useKeyStoreTls(true).tlsTrustStoreType(trust.trustStoreTypeOrDefault())
                    .tlsTrustStorePath(trust.trustStore()).tlsTrustStorePassword(password(trust));
        } else if (trust.certsFile() != null) {
            builder.tlsTrustCertsFilePath(trust.certsFile());
        }
        builder.enableTlsHostnameVerification(trust.hostnameVerification())
                .allowTlsInsecureConnection(trust.allowInsecureConnection());
        Authentication authentication = authentication(connection);
        if (authentication != null) {
            builder.authentication(authentication);
        }
    }

    /** The token, or the client certificate; null for neither. */
    static Authentication authentication(PulsarConnection connection) {
        PulsarTlsIdentity identity = connection.identity();
        if (identity.usesKeyStore()) {
            return new AuthenticationKeyStoreTls(identity.keyStoreType() == null ? PulsarTrust.DEFAULT_STORE_TYPE
                    : identity.keyStoreType(), identity.keyStore(), identity.keyStorePassword());
        }
        if (identity.isSet()) {
            return AuthenticationFactory.TLS(identity.certFile(), identity.keyFile());
        }
        if (connection.authToken() != null && !connection.authToken().isBlank()) {
            return AuthenticationFactory.token(connection.authToken());
        }
        return null;
    }

    private static String password(PulsarTrust trust) {
        return trust.trustStorePassword() == null ? "" : trust.trustStorePassword();
    }
}
