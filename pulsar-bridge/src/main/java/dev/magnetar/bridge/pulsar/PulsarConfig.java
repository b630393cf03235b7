package dev.magnetar.bridge.pulsar;

import dev.magnetar.api.launch.PulsarTrust;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the application finds Pulsar ({@code magnetar.pulsar.*}); how it checks the broker's certificate and which
 * client certificate it presents are {@link PulsarTrustConfig} and {@link PulsarTlsIdentityConfig}.
 *
 * @param serviceUrl binary protocol URL
 * @param adminUrl   HTTP admin URL
 * @param authToken  JWT for token authentication; unset for none
 */
@ConfigurationProperties(PulsarConfig.PREFIX)
public record PulsarConfig(
        @Bindable(defaultValue = PulsarConfig.DEFAULT_SERVICE_URL) String serviceUrl,
        @Bindable(defaultValue = PulsarConfig.DEFAULT_ADMIN_URL) String adminUrl,
        @Nullable String authToken) {

    public static final String PREFIX = "magnetar.pulsar";
    public static final String DEFAULT_SERVICE_URL = "pulsar://127.0.0.1:6650";
    public static final String DEFAULT_ADMIN_URL = "http://127.0.0.1:8080";

    public PulsarConnection connection() {
        return new PulsarConnection(serviceUrl, adminUrl, authToken);
    }

    /**
     * The {@code magnetar.pulsar.*} properties that configure {@code connection}: how an application is handed one.
     * Settings left unset stay out, so the application's environment may give them.
     */
    public static Map<String, Object> properties(PulsarConnection connection) {
        Map<String, Object> properties = new LinkedHashMap<>();
        put(properties, PREFIX + ".service-url", connection.serviceUrl());
        put(properties, PREFIX + ".admin-url", connection.adminUrl());
        put(properties, PREFIX + ".auth-token", connection.authToken());
        PulsarTrust trust = connection.trust();
        put(properties, PulsarTrustConfig.TRUST_CERTS_FILE, trust.certsFile());
        put(properties, PulsarTrustConfig.TRUST_STORE, trust.trustStore());
        put(properties, PulsarTrustConfig.TRUST_STORE_TYPE, trust.trustStoreType());
        put(properties, PulsarTrustConfig.TRUST_STORE_PASSWORD, trust.trustStorePassword());
        // Only when not the default, so the environment may still set them.
        if (!trust.hostnameVerification()) {
            properties.put(PulsarTrustConfig.HOSTNAME_VERIFICATION, false);
        }
        if (trust.allowInsecureConnection()) {
            properties.put(PulsarTrustConfig.ALLOW_INSECURE_CONNECTION, true);
        }
        PulsarTlsIdentity identity = connection.identity();
        put(properties, PulsarTlsIdentityConfig.CERT_FILE, identity.certFile());
        put(properties, PulsarTlsIdentityConfig.KEY_FILE, identity.keyFile());
        put(properties, PulsarTlsIdentityConfig.KEY_STORE, identity.keyStore());
        put(properties, PulsarTlsIdentityConfig.KEY_STORE_TYPE, identity.keyStoreType());
        put(properties, PulsarTlsIdentityConfig.KEY_STORE_PASSWORD, identity.keyStorePassword());
        return properties;
    }

    private static void put(Map<String, Object> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    /** Without the token: Micronaut logs every bean it creates at DEBUG. */
    @Override
    public String toString() {
        return "PulsarConfig[" + connection() + "]";
    }
}
