package dev.magnetar.bridge.pulsar;

/**
 * Where Pulsar is and how to authenticate.
 *
 * @param serviceUrl binary protocol URL, e.g. {@code pulsar://127.0.0.1:6650}
 * @param adminUrl   HTTP admin URL, e.g. {@code http://127.0.0.1:8080}
 * @param authToken  JWT for token authentication, or null for none
 */
public record PulsarConnection(String serviceUrl, String adminUrl, String authToken) {
    public PulsarConnection(String serviceUrl, String adminUrl) {
        this(serviceUrl, adminUrl, null);
    }

    /** Without the token: a record's own toString would put it wherever the connection is logged. */
    @Override
    public String toString() {
        return "PulsarConnection[serviceUrl=" + serviceUrl + ", adminUrl=" + adminUrl + ", authToken="
                + (authToken == null ? "none" : "(hidden)") + "]";
    }
}
