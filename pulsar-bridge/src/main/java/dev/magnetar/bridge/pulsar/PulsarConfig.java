package dev.magnetar.bridge.pulsar;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where the application finds Pulsar ({@code magnetar.pulsar.*}).
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

    /** Without the token: Micronaut logs every bean it creates at DEBUG. */
    @Override
    public String toString() {
        return "PulsarConfig[" + connection() + "]";
    }
}
