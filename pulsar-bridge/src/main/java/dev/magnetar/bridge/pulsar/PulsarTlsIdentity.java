package dev.magnetar.bridge.pulsar;

/**
 * The client certificate the application authenticates with (mutual TLS), instead of a token: a PEM certificate
 * and private key, or a key store.
 *
 * @param certFile         the client certificate, PEM; with {@code keyFile}
 * @param keyFile          its private key, PKCS#8 PEM
 * @param keyStore         a key store (PKCS12 or JKS) holding both, instead of the files
 * @param keyStoreType     {@code PKCS12} or {@code JKS}; null means PKCS12
 * @param keyStorePassword the key store's password
 */
public record PulsarTlsIdentity(String certFile, String keyFile, String keyStore, String keyStoreType,
                                String keyStorePassword) {
    public static final PulsarTlsIdentity NONE = new PulsarTlsIdentity(null, null, null, null, null);

    public PulsarTlsIdentity {
        certFile = blankToNull(certFile);
        keyFile = blankToNull(keyFile);
        keyStore = blankToNull(keyStore);
        keyStoreType = blankToNull(keyStoreType);
    }

    public static PulsarTlsIdentity pem(String certFile, String keyFile) {
        return new PulsarTlsIdentity(certFile, keyFile, null, null, null);
    }

    public static PulsarTlsIdentity keyStore(String file, String type, String password) {
        return new PulsarTlsIdentity(null, null, file, type, password);
    }

    public boolean isSet() {
        return certFile != null || keyFile != null || keyStore != null;
    }

    public boolean usesKeyStore() {
        return keyStore != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Without the password, which a record's own toString would print. */
    @Override
    public String toString() {
        return "PulsarTlsIdentity[certFile=" + certFile + ", keyFile=" + keyFile + ", keyStore=" + keyStore
                + ", keyStoreType=" + keyStoreType + ", keyStorePassword="
                + (keyStorePassword == null ? "none" : "(hidden)") + "]";
    }
}
