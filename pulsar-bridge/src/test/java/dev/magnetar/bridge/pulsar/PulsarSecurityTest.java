package dev.magnetar.bridge.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.launch.PulsarTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.internal.PulsarAdminBuilderImpl;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.impl.ClientBuilderImpl;
import org.apache.pulsar.client.impl.auth.AuthenticationKeyStoreTls;
import org.apache.pulsar.client.impl.auth.AuthenticationTls;
import org.apache.pulsar.client.impl.auth.AuthenticationToken;
import org.apache.pulsar.client.impl.conf.ClientConfigurationData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the TLS and authentication settings reach Pulsar's builders, and which combinations are refused. */
class PulsarSecurityTest {
    private static final String SSL = "pulsar+ssl://broker:6651";
    private static final String HTTPS = "https://broker:8443";

    @TempDir
    Path dir;

    @Test
    void aTrustStoreSwitchesBothClientsToKeyStoresAndHostnamesAreVerifiedByDefault() {
        PulsarConnection connection = new PulsarConnection(SSL, HTTPS)
                .withTls(PulsarTrust.trustStore("/tls/trust.p12", "JKS", "s3cret"), PulsarTlsIdentity.NONE);

        for (ClientConfigurationData conf : configurations(connection)) {
            assertThat(conf.isUseKeyStoreTls()).isTrue();
            assertThat(conf.getTlsTrustStorePath()).isEqualTo("/tls/trust.p12");
            assertThat(conf.getTlsTrustStoreType()).isEqualTo("JKS");
            assertThat(conf.getTlsTrustStorePassword()).isEqualTo("s3cret");
            assertThat(conf.isTlsHostnameVerificationEnable()).isTrue();
            assertThat(conf.isTlsAllowInsecureConnection()).isFalse();
            assertThat(conf.getAuthentication()).isNotInstanceOf(AuthenticationToken.class);
        }
    }

    @Test
    void aPemFileIsTrustedAsSuchAndTheInsecureSwitchesReachTheClients() {
        PulsarConnection connection = new PulsarConnection(SSL, HTTPS).withTls(
                new PulsarTrust("/tls/ca.pem", null, null, null, false, true), PulsarTlsIdentity.NONE);

        for (ClientConfigurationData conf : configurations(connection)) {
            assertThat(conf.isUseKeyStoreTls()).isFalse();
            assertThat(conf.getTlsTrustCertsFilePath()).isEqualTo("/tls/ca.pem");
            assertThat(conf.isTlsHostnameVerificationEnable()).isFalse();
            assertThat(conf.isTlsAllowInsecureConnection()).isTrue();
        }
    }

    @Test
    void aClientCertificateAuthenticatesInsteadOfAToken() {
        PulsarConnection pem = new PulsarConnection(SSL, HTTPS)
                .withTls(PulsarTrust.certsFile("/tls/ca.pem"), PulsarTlsIdentity.pem("/tls/me.pem", "/tls/me.key"));
        PulsarConnection keyStore = new PulsarConnection(SSL, HTTPS).withTls(
                PulsarTrust.trustStore("/tls/trust.p12", null, "t"), PulsarTlsIdentity.keyStore("/tls/me.p12", null, "k"));

        assertThat(PulsarSecurity.authentication(pem)).isInstanceOfSatisfying(AuthenticationTls.class, tls -> {
            assertThat(tls.getCertFilePath()).isEqualTo("/tls/me.pem");
            assertThat(tls.getKeyFilePath()).isEqualTo("/tls/me.key");
        });
        assertThat(PulsarSecurity.authentication(keyStore)).isInstanceOf(AuthenticationKeyStoreTls.class);
        assertThat(configurations(keyStore)).allSatisfy(conf -> assertThat(conf.isUseKeyStoreTls()).isTrue());
        assertThat(PulsarSecurity.authentication(new PulsarConnection(SSL, HTTPS, "jwt")))
                .isInstanceOf(AuthenticationToken.class);
        assertThat(PulsarSecurity.authentication(new PulsarConnection(SSL, HTTPS))).isNull();
        assertThat(keyStore.toString()).doesNotContain("=t,").doesNotContain("=k]").contains("(hidden)");
    }

    @Test
    void aMissingOrUnreadableTrustFileIsNamedBySetting() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage"), "not a certificate");

        assertThatThrownBy(() -> check(PulsarTrust.certsFile(dir.resolve("none.pem").toString()), PulsarTlsIdentity.NONE))
                .hasMessageStartingWith("magnetar.pulsar.tls-trust-certs-file=" + dir.resolve("none.pem")
                        + " is not a readable file");
        assertThatThrownBy(() -> check(PulsarTrust.certsFile(garbage.toString()), PulsarTlsIdentity.NONE))
                .hasMessageContaining("magnetar.pulsar.tls-trust-certs-file=" + garbage);
        assertThatThrownBy(() -> check(PulsarTrust.trustStore(garbage.toString(), null, "wrong-s3cret"),
                PulsarTlsIdentity.NONE))
                .hasMessageStartingWith("cannot open magnetar.pulsar.tls-trust-store=" + garbage
                        + " as magnetar.pulsar.tls-trust-store-type=PKCS12 with magnetar.pulsar.tls-trust-store-password")
                .hasMessageNotContaining("wrong-s3cret");
        assertThatThrownBy(() -> check(PulsarTrust.trustStore(garbage.toString(), null, null), PulsarTlsIdentity.NONE))
                .hasMessageStartingWith("magnetar.pulsar.tls-trust-store-password is not set");
    }

    @Test
    void contradictingSettingsAreRefused() throws Exception {
        String file = Files.writeString(dir.resolve("file"), "x").toString();
        PulsarTrust pemTrust = PulsarTrust.DEFAULT;
        PulsarTrust storeTrust = PulsarTrust.trustStore(file, null, "p");

        assertThatThrownBy(() -> check(new PulsarTrust(file, file, null, "p", true, false), PulsarTlsIdentity.NONE))
                .hasMessage("set one of magnetar.pulsar.tls-trust-certs-file and magnetar.pulsar.tls-trust-store, not both");
        assertThatThrownBy(() -> check(pemTrust, PulsarTlsIdentity.pem(file, null)))
                .hasMessageStartingWith("magnetar.pulsar.tls-key-file is not set");
        assertThatThrownBy(() -> check(pemTrust, PulsarTlsIdentity.pem(null, file)))
                .hasMessageStartingWith("magnetar.pulsar.tls-cert-file is not set");
        assertThatThrownBy(() -> check(pemTrust, PulsarTlsIdentity.keyStore(file, null, "p")))
                .hasMessageStartingWith("magnetar.pulsar.tls-key-store needs magnetar.pulsar.tls-trust-store");
        assertThatThrownBy(() -> PulsarSecurity.check(new PulsarConnection(SSL, HTTPS, "jwt")
                .withTls(pemTrust, PulsarTlsIdentity.pem(file, file))))
                .hasMessageContaining("auth-token and a client certificate");
        assertThatThrownBy(() -> PulsarSecurity.check(new PulsarConnection(SSL, HTTPS)
                .withTls(storeTrust, PulsarTlsIdentity.pem(file, file))))
                .hasMessageContaining("are PEM, which Pulsar's clients do not mix with magnetar.pulsar.tls-trust-store");
    }

    @Test
    void theDefaultsCheckNothingAndChangeNothingButHostnameVerification() {
        PulsarConnection plain = new PulsarConnection("pulsar://broker:6650", "http://broker:8080");
        PulsarSecurity.check(plain);

        assertThat(configurations(plain)).allSatisfy(conf -> {
            assertThat(conf.isUseKeyStoreTls()).isFalse();
            assertThat(conf.getTlsTrustCertsFilePath()).isNull();
            assertThat(conf.isTlsHostnameVerificationEnable()).isTrue();
        });
    }

    private void check(PulsarTrust trust, PulsarTlsIdentity identity) {
        PulsarSecurity.check(new PulsarConnection(SSL, HTTPS).withTls(trust, identity));
    }

    /** What the client's and the admin client's builders hold, without building them (no file is read). */
    private static ClientConfigurationData[] configurations(PulsarConnection connection) {
        ClientBuilderImpl client = (ClientBuilderImpl) PulsarClient.builder().serviceUrl(connection.serviceUrl());
        PulsarSecurity.apply(client, connection);
        PulsarAdminBuilderImpl admin = (PulsarAdminBuilderImpl) PulsarAdmin.builder().serviceHttpUrl(connection.adminUrl());
        PulsarSecurity.apply(admin, connection);
        return new ClientConfigurationData[] {client.getClientConfigurationData(), admin.getConf()};
    }
}
