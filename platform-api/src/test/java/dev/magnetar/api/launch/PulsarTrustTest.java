package dev.magnetar.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import org.junit.jupiter.api.Test;

class PulsarTrustTest {

    @Test
    void theDefaultTrustPassesNothing() {
        assertThat(PulsarTrust.DEFAULT.environment()).isEmpty();
        assertThat(new PulsarTrust(" ", "", null, null, true, false)).isEqualTo(PulsarTrust.DEFAULT);
    }

    @Test
    void aTrustStoreReachesAReplicaAsVariablesOfTheRuntime() {
        PulsarTrust trust = new PulsarTrust(null, "/tls/trust.p12", "JKS", "s3cret", false, true);

        assertThat(trust.environment())
                .containsEntry(Option.PULSAR_TLS_TRUST_STORE.variable(), "/tls/trust.p12")
                .containsEntry(Option.PULSAR_TLS_TRUST_STORE_TYPE.variable(), "JKS")
                .containsEntry(Option.PULSAR_TLS_TRUST_STORE_PASSWORD.variable(), "s3cret")
                .containsEntry(Option.PULSAR_TLS_HOSTNAME_VERIFICATION.variable(), "false")
                .containsEntry(Option.PULSAR_TLS_ALLOW_INSECURE_CONNECTION.variable(), "true")
                .doesNotContainKey(Option.PULSAR_TLS_TRUST_CERTS_FILE.variable());
        assertThat(trust.usesTrustStore()).isTrue();
        assertThat(PulsarTrust.certsFile("/tls/ca.pem").environment())
                .containsOnlyKeys(Option.PULSAR_TLS_TRUST_CERTS_FILE.variable());
    }

    @Test
    void thePasswordIsNotPrinted() {
        PulsarTrust trust = PulsarTrust.trustStore("/tls/trust.p12", null, "s3cret");

        assertThat(trust.toString()).contains("/tls/trust.p12").contains("(hidden)").doesNotContain("s3cret");
        assertThat(trust.trustStoreTypeOrDefault()).isEqualTo("PKCS12");
    }
}
