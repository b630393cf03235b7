package dev.magnetar.runtime.context;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.runtime.config.ClientSettings;
import dev.magnetar.runtime.config.RuntimeConfig;
import java.util.function.Supplier;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminBuilder;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * The cluster as the function itself may reach it, for {@code Context.getPulsarAdmin()} and
 * {@code Context.getPulsarClientBuilder()}: with the function's own token ({@code spec.pulsarAuth}) and the
 * replica's trust, never the platform's credentials, which a replica does not have. The admin client is built
 * when first asked for, one per replica, and closed with it.
 */
public final class ClusterAccess implements AutoCloseable {
    private static final ClusterAccess NONE = new ClusterAccess(null, null, null, PulsarTrust.DEFAULT);

    private final Supplier<ClientBuilder> clientBuilder;
    private final String adminUrl;
    private final String authToken;
    private final PulsarTrust trust;
    private PulsarAdmin admin;

    private ClusterAccess(Supplier<ClientBuilder> clientBuilder, String adminUrl, String authToken, PulsarTrust trust) {
        this.clientBuilder = clientBuilder;
        this.adminUrl = adminUrl;
        this.authToken = authToken;
        this.trust = trust;
    }

    /** The replica's: its service URL, admin URL, the function's token and the replica's trust. */
    public static ClusterAccess of(RuntimeConfig config) {
        return new ClusterAccess(() -> ClientSettings.builder(config), config.pulsarAdminUrl(), config.authToken(),
                config.pulsarTrust());
    }

    /** No cluster (a context outside a replica, as in tests): both methods say so. */
    public static ClusterAccess none() {
        return NONE;
    }

    /** A new builder configured like the replica's own client; the function builds and closes what it makes of it. */
    ClientBuilder clientBuilder() {
        if (clientBuilder == null) {
            throw new IllegalStateException("Context.getPulsarClientBuilder: this context runs without Pulsar");
        }
        return clientBuilder.get();
    }

    /** The replica's admin client, built on first use. */
    synchronized PulsarAdmin admin() {
        if (adminUrl == null) {
            throw new IllegalStateException("Context.getPulsarAdmin: this replica was started without the cluster's"
                    + " admin URL (" + Option.PULSAR_ADMIN_URL.flag() + ", " + Option.PULSAR_ADMIN_URL.variable()
                    + "); the platform that launched it sets it, so ask its operator");
        }
        if (admin == null) {
            try {
                admin = adminBuilder().build();
            } catch (PulsarClientException e) {
                throw new IllegalStateException("Context.getPulsarAdmin: cannot build the admin client for " + adminUrl
                        + ": " + e.getMessage(), e);
            }
        }
        return admin;
    }

    private PulsarAdminBuilder adminBuilder() throws PulsarClientException {
        PulsarAdminBuilder builder = PulsarAdmin.builder().serviceHttpUrl(adminUrl);
        if (authToken != null && !authToken.isBlank()) {
            builder.authentication(AuthenticationFactory.token(authToken));
        }
        if (trust.usesTrustStore()) {
            builder.useKeyStoreTls(true).tlsTrustStoreType(trust.trustStoreTypeOrDefault())
                    .tlsTrustStorePath(trust.trustStore())
                    .tlsTrustStorePassword(trust.trustStorePassword() == null ? "" : trust.trustStorePassword());
        } else if (trust.certsFile() != null) {
            builder.tlsTrustCertsFilePath(trust.certsFile());
        }
        return builder.enableTlsHostnameVerification(trust.hostnameVerification())
                .allowTlsInsecureConnection(trust.allowInsecureConnection());
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
