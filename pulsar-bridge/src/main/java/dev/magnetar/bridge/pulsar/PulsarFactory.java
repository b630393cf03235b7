package dev.magnetar.bridge.pulsar;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * The application's Pulsar clients, built from {@link PulsarConfig}. Both connect lazily, so an
 * application context starts even while the broker is still coming up; both are closed with the
 * context.
 */
@Factory
public class PulsarFactory {

    @Singleton
    public PulsarConnection pulsarConnection(PulsarConfig config) {
        return config.connection();
    }

    @Singleton
    @Bean(preDestroy = "close")
    public PulsarClient pulsarClient(PulsarConnection connection) {
        return PulsarClients.client(connection);
    }

    @Singleton
    @Bean(preDestroy = "close")
    public PulsarAdmin pulsarAdmin(PulsarConnection connection) {
        return PulsarClients.admin(connection);
    }
}
