package dev.magnetar.bridge.pulsar;

import dev.magnetar.api.launch.PulsarTrust;

/** The client certificate's settings: complete, in one form, matching the trust's form, and readable. */
final class TlsIdentityCheck {
    private TlsIdentityCheck() {
    }

    /** Fails when the settings contradict each other; reads no file. */
    static void requireConsistent(PulsarTlsIdentity identity, PulsarTrust trust, boolean hasToken) {
        if (hasToken) {
            throw new IllegalArgumentException(PulsarConfig.PREFIX + ".auth-token and a client certificate ("
                    + PulsarTlsIdentityConfig.CERT_FILE + " or " + PulsarTlsIdentityConfig.KEY_STORE + ") both"
                    + " authenticate: set only one");
        }
        if (identity.usesKeyStore()) {
            keyStore(identity, trust);
        } else {
            pem(identity, trust);
        }
    }

    /** Fails naming the setting whose file cannot be read. */
    static void requireReadable(PulsarTlsIdentity identity) {
        if (identity.usesKeyStore()) {
            String type = identity.keyStoreType() == null ? PulsarTrust.DEFAULT_STORE_TYPE : identity.keyStoreType();
            TlsFiles.requireKeyStore(PulsarTlsIdentityConfig.KEY_STORE, identity.keyStore(), type,
                    PulsarTlsIdentityConfig.KEY_STORE_TYPE, PulsarTlsIdentityConfig.KEY_STORE_PASSWORD,
                    identity.keyStorePassword());
        } else {
            TlsFiles.requireCertificates(PulsarTlsIdentityConfig.CERT_FILE, identity.certFile());
            TlsFiles.readable(PulsarTlsIdentityConfig.KEY_FILE, identity.keyFile());
        }
    }

    private static void keyStore(PulsarTlsIdentity identity, PulsarTrust trust) {
        if (identity.certFile() != null || identity.keyFile() != null) {
            throw new IllegalArgumentException("set " + PulsarTlsIdentityConfig.KEY_STORE + " or "
                    + PulsarTlsIdentityConfig.CERT_FILE + " with " + PulsarTlsIdentityConfig.KEY_FILE + ", not both");
        }
        if (!trust.usesTrustStore()) {
            throw new IllegalArgumentException(PulsarTlsIdentityConfig.KEY_STORE + " needs "
                    + PulsarTrustConfig.TRUST_STORE + ": Pulsar's clients read both as key stores (or use "
                    + PulsarTlsIdentityConfig.CERT_FILE + " and " + PulsarTlsIdentityConfig.KEY_FILE + " as PEM)");
        }
    }

    private static void pem(PulsarTlsIdentity identity, PulsarTrust trust) {
        if (identity.certFile() == null || identity.keyFile() == null) {
            String missing = identity.certFile() == null ? PulsarTlsIdentityConfig.CERT_FILE
                    : PulsarTlsIdentityConfig.KEY_FILE;
            throw new IllegalArgumentException(missing + " is not set: a client certificate needs both "
                    + PulsarTlsIdentityConfig.CERT_FILE + " and " + PulsarTlsIdentityConfig.KEY_FILE);
        }
        if (trust.usesTrustStore()) {
            throw new IllegalArgumentException(PulsarTlsIdentityConfig.CERT_FILE + " and "
                    + PulsarTlsIdentityConfig.KEY_FILE + " are PEM, which Pulsar's clients do not mix with "
                    + PulsarTrustConfig.TRUST_STORE + ": use " + PulsarTrustConfig.TRUST_CERTS_FILE + ", or "
                    + PulsarTlsIdentityConfig.KEY_STORE + " for the client certificate");
        }
    }
}
