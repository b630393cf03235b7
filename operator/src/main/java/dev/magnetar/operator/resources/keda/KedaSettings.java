package dev.magnetar.operator.resources.keda;

/**
 * What every function's KEDA trigger shares, set by the operator: where KEDA reads Pulsar's stats, and the credentials
 * it reads them with.
 *
 * @param pulsarAdminUrl     Pulsar's HTTP admin URL as KEDA's operator reaches it
 * @param authenticationRef  a TriggerAuthentication (in each function's namespace) or ClusterTriggerAuthentication
 *                           holding KEDA's Pulsar credentials; null when Pulsar needs none
 * @param authenticationKind {@code TriggerAuthentication} or {@code ClusterTriggerAuthentication}
 * @param authModes          the Pulsar scaler's {@code authModes} ({@code bearer}, {@code tls}, {@code basic},
 *                           {@code oauth}); null for none
 */
public record KedaSettings(String pulsarAdminUrl, String authenticationRef, String authenticationKind, String authModes) {
    public static final String CLUSTER_TRIGGER_AUTHENTICATION = "ClusterTriggerAuthentication";

    /** No credentials: a Pulsar without authentication. */
    public static KedaSettings unauthenticated(String pulsarAdminUrl) {
        return new KedaSettings(pulsarAdminUrl, null, null, null);
    }
}
