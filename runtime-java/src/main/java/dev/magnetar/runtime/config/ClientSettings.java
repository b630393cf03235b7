package dev.magnetar.runtime.config;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The replica's Pulsar client: its URL, the function's own token, and how the broker's certificate is checked. */
public final class ClientSettings {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSettings.class);

    private ClientSettings() {
    }

    /** One I/O and one listener thread: a replica has one consumer and a few producers. */
    public static ClientBuilder builder(RuntimeConfig config) {
        return builder(config.pulsarUrl(), config.authToken(), config.pulsarTrust());
    }

    /** The same client before a function is known (a JVM of the warm pool): no token, the control plane's trust. */
    public static ClientBuilder builder(PooledConfig config) {
        return builder(config.pulsarUrl(), null, config.pulsarTrust());
    }

    private static ClientBuilder builder(String url, String authToken, PulsarTrust trust) {
        ClientBuilder builder = PulsarClient.builder().serviceUrl(url).ioThreads(1).listenerThreads(1);
        if (authToken != null && !authToken.isBlank()) {
            builder.authentication(AuthenticationFactory.token(authToken));
        }
        trust(builder, trust);
        return builder;
    }

    /** A trust store switches Pulsar's client to key stores; a PEM file, or neither (the JVM's trust), otherwise. */
    static void trust(ClientBuilder builder, PulsarTrust trust) {
        if (trust.usesTrustStore()) {
            builder.useKeyStoreTls(true).tlsTrustStoreType(trust.trustStoreTypeOrDefault())
                    .tlsTrustStorePath(trust.trustStore())
                    .tlsTrustStorePassword(trust.trustStorePassword() == null ? "" : trust.trustStorePassword());
        } else if (trust.certsFile() != null) {
            builder.tlsTrustCertsFilePath(trust.certsFile());
        }
        builder.enableTlsHostnameVerification(trust.hostnameVerification())
                .allowTlsInsecureConnection(trust.allowInsecureConnection());
        if (trust.allowInsecureConnection()) {
            LOG.warn("{}=true: this replica accepts any broker certificate, so its connection can be intercepted;"
                    + " use it for tests only", Option.PULSAR_TLS_ALLOW_INSECURE_CONNECTION.variable());
        }
    }
}
