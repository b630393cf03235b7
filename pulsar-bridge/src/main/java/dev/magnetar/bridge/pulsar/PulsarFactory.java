package dev.magnetar.bridge.pulsar;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's Pulsar clients, built from {@link PulsarConfig}. Both connect lazily, so an
 * application context starts even while the broker is still coming up; both are closed with the
 * context.
 */
@Factory
public class PulsarFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PulsarFactory.class);

    /** Made at start, so contradicting or unreadable TLS settings stop the application at once, naming the setting. */
    @Context
    public PulsarConnection pulsarConnection(PulsarConfig config, PulsarTrustConfig trust,
                                             PulsarTlsIdentityConfig identity) {
        PulsarConnection connection = config.connection().withTls(trust.trust(), identity.identity());
        PulsarSecurity.check(connection);
        if (connection.trust().allowInsecureConnection()) {
            LOG.warn("{}=true: Pulsar clients accept any broker certificate, so the connection can be intercepted;"
                    + " use it for tests only, and give {} or {} instead", PulsarTrustConfig.ALLOW_INSECURE_CONNECTION,
                    PulsarTrustConfig.TRUST_CERTS_FILE, PulsarTrustConfig.TRUST_STORE);
        }
        return connection;
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
