package dev.magnetar.standalone.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed key pair for 127.0.0.1 and localhost, made by the JDK's keytool, in every form Pulsar's clients and
 * broker read: a PKCS12 key store (the broker's, and a client's identity), a PKCS12 trust store and a PEM file of the
 * certificate (what a client trusts), and the PEM certificate and private key (a client's identity from files). The
 * broker trusts its own certificate, so a client presenting this pair is trusted too.
 *
 * @param keyStore       PKCS12 with the private key and its certificate
 * @param trustStore     PKCS12 with the certificate only
 * @param trustCertsFile the certificate, PEM
 * @param certFile       the certificate, PEM (the same file content as {@code trustCertsFile})
 * @param keyFile        the private key, PKCS#8 PEM
 * @param password       of both stores
 */
public record TestCertificates(Path keyStore, Path trustStore, Path trustCertsFile, Path certFile, Path keyFile,
                               String password) {
    public static final String TYPE = "PKCS12";
    private static final String ALIAS = "magnetar-test";

    /** Writes the pair into {@code dir}: one keytool run, the other forms converted here. */
    public static TestCertificates create(Path dir) {
        String password = UUID.randomUUID().toString();
        Path keyStore = dir.resolve("broker.p12");
        try {
            keytool(keyStore, password);
            KeyStore pair = load(keyStore, password);
            Certificate certificate = pair.getCertificate(ALIAS);
            Path certFile = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
            PrivateKey key = (PrivateKey) pair.getKey(ALIAS, password.toCharArray());
            Path keyFile = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
            Path trustCerts = Files.copy(certFile, dir.resolve("trust.pem"));
            return new TestCertificates(keyStore, trustStore(dir.resolve("trust.p12"), certificate, password), trustCerts,
                    certFile, keyFile, password);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test TLS pair in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(Path keyStore, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", TYPE, "-keystore", keyStore.toString(), "-storepass:env", "MAGNETAR_TEST_STORE_PASSWORD")
                .redirectErrorStream(true);
        builder.environment().put("MAGNETAR_TEST_STORE_PASSWORD", password);
        Process started = builder.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                throw new IOException("keytool failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    private static KeyStore load(Path file, String password) throws IOException, java.security.GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static Path trustStore(Path file, Certificate certificate, String password)
            throws IOException, java.security.GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        store.load(null, null);
        store.setCertificateEntry(ALIAS, certificate);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Without the password, which a record's own toString would print. */
    @Override
    public String toString() {
        return "TestCertificates[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
}
