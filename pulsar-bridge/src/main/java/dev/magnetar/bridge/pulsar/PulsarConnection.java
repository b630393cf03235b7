package dev.magnetar.bridge.pulsar;

import dev.magnetar.api.launch.PulsarTrust;

/**
 * Where Pulsar is and how to authenticate.
 *
 * @param serviceUrl binary protocol URL, e.g. {@code pulsar://127.0.0.1:6650} or {@code pulsar+ssl://host:6651}
 * @param adminUrl   HTTP admin URL, e.g. {@code http://127.0.0.1:8080} or {@code https://host:8443}
 * @param authToken  JWT for token authentication, or null for none
 * @param trust      how the broker's certificate is checked over TLS; the JVM's default trust unless set
 * @param identity   the client certificate to authenticate with (mutual TLS), or {@link PulsarTlsIdentity#NONE}
 */
public record PulsarConnection(String serviceUrl, String adminUrl, String authToken, PulsarTrust trust,
                               PulsarTlsIdentity identity) {
    public PulsarConnection {
        trust = trust == null ? PulsarTrust.DEFAULT : trust;
        identity = identity == null ? PulsarTlsIdentity.NONE : identity;
    }

    public PulsarConnection(String serviceUrl, String adminUrl) {
        this(serviceUrl, adminUrl, null);
    }

    public PulsarConnection(String serviceUrl, String adminUrl, String authToken) {
        this(serviceUrl, adminUrl, authToken, PulsarTrust.DEFAULT, PulsarTlsIdentity.NONE);
    }

    public PulsarConnection withTls(PulsarTrust trust, PulsarTlsIdentity identity) {
        return new PulsarConnection(serviceUrl, adminUrl, authToken, trust, identity);
    }

    /** Without the token and passwords: a record's own toString would put them wherever the connection is logged. */
    @Override
    public String toString() {
        return "PulsarConnection[serviceUrl=" + serviceUrl + ", adminUrl=" + adminUrl + ", authToken="
                + (authToken == null ? "none" : "(hidden)") + ", trust=" + trust + ", identity=" + identity + "]";
    }
}
