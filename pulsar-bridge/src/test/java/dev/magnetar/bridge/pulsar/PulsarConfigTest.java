package dev.magnetar.bridge.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magnetar.api.launch.PulsarTrust;
import io.micronaut.context.ApplicationContext;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PulsarConfigTest {

    @Nested
    @MicronautTest(startApplication = false)
    class Defaults {
        @Inject
        PulsarConnection connection;

        @Test
        void pointAtALocalBroker() {
            assertThat(connection).isEqualTo(new PulsarConnection("pulsar://127.0.0.1:6650", "http://127.0.0.1:8080", null));
        }
    }

    @Nested
    @MicronautTest(startApplication = false)
    @Property(name = "magnetar.pulsar.service-url", value = "pulsar://broker:6651")
    @Property(name = "magnetar.pulsar.admin-url", value = "http://broker:8081")
    @Property(name = "magnetar.pulsar.auth-token", value = "secret-jwt")
    class Overrides {
        @Inject
        PulsarConnection connection;
        @Inject
        PulsarConfig config;
        @Inject
        PulsarClient client;
        @Inject
        PulsarAdmin admin;

        @Test
        void areBoundAndTheClientsAreBuiltWithoutConnecting() {
            assertThat(connection).isEqualTo(new PulsarConnection("pulsar://broker:6651", "http://broker:8081", "secret-jwt"));
            assertThat(connection.toString()).contains("pulsar://broker:6651").doesNotContain("secret-jwt");
            assertThat(config.toString()).contains("http://broker:8081").doesNotContain("secret-jwt");
            assertThat(client).isNotNull();
            assertThat(admin.getServiceUrl()).isEqualTo("http://broker:8081");
        }
    }

    @Nested
    @MicronautTest(startApplication = false)
    @Property(name = "magnetar.pulsar.service-url", value = "pulsar+ssl://broker:6651")
    @Property(name = "magnetar.pulsar.tls-hostname-verification", value = "false")
    @Property(name = "magnetar.pulsar.tls-allow-insecure-connection", value = "true")
    @Property(name = "magnetar.pulsar.tls-trust-store-password", value = "store-s3cret")
    @Property(name = "magnetar.pulsar.tls-key-store-password", value = "key-s3cret")
    class TlsSettings {
        @Inject
        PulsarConnection connection;
        @Inject
        PulsarTrustConfig trust;
        @Inject
        PulsarTlsIdentityConfig identity;

        @Test
        void areBoundBesideTheUrlsAndTheirPasswordsAreNotPrinted() {
            assertThat(connection.serviceUrl()).isEqualTo("pulsar+ssl://broker:6651");
            assertThat(connection.trust().hostnameVerification()).isFalse();
            assertThat(connection.trust().allowInsecureConnection()).isTrue();
            assertThat(connection.trust().trustStorePassword()).isEqualTo("store-s3cret");
            assertThat(connection.identity().keyStorePassword()).isEqualTo("key-s3cret");
            assertThat(connection.toString() + trust + identity).doesNotContain("s3cret");
        }
    }

    @Test
    void aConnectionBecomesThePropertiesThatBindBackToIt() {
        PulsarConnection connection = new PulsarConnection("pulsar+ssl://b:6651", "https://b:8443").withTls(
                new PulsarTrust(null, "/tls/trust.p12", "JKS", "t", false, true),
                PulsarTlsIdentity.keyStore("/tls/me.p12", "JKS", "k"));

        Map<String, Object> properties = PulsarConfig.properties(connection);

        assertThat(properties).containsEntry("magnetar.pulsar.service-url", "pulsar+ssl://b:6651")
                .containsEntry("magnetar.pulsar.tls-trust-store", "/tls/trust.p12")
                .containsEntry("magnetar.pulsar.tls-trust-store-type", "JKS")
                .containsEntry("magnetar.pulsar.tls-trust-store-password", "t")
                .containsEntry("magnetar.pulsar.tls-hostname-verification", false)
                .containsEntry("magnetar.pulsar.tls-allow-insecure-connection", true)
                .containsEntry("magnetar.pulsar.tls-key-store", "/tls/me.p12")
                .containsEntry("magnetar.pulsar.tls-key-store-type", "JKS")
                .containsEntry("magnetar.pulsar.tls-key-store-password", "k")
                .doesNotContainKeys("magnetar.pulsar.auth-token", "magnetar.pulsar.tls-trust-certs-file");
        assertThat(PulsarConfig.properties(new PulsarConnection("pulsar://b:6650", "http://b:8080")))
                .as("defaults stay out, so the environment may set them")
                .containsOnlyKeys("magnetar.pulsar.service-url", "magnetar.pulsar.admin-url");
    }

    @Test
    void theDefaultTrustIsTheJvmsWithHostnameVerification() {
        try (ApplicationContext context = ApplicationContext.run()) {
            PulsarConnection connection = context.getBean(PulsarConnection.class);
            assertThat(connection.trust()).isEqualTo(PulsarTrust.DEFAULT);
            assertThat(connection.identity()).isEqualTo(PulsarTlsIdentity.NONE);
        }
    }

    @Test
    void aTrustFileThatIsNotThereStopsTheApplicationAtStartNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("magnetar.pulsar.tls-trust-certs-file", "/no/such/ca.pem")))
                .rootCause()
                .hasMessageStartingWith("magnetar.pulsar.tls-trust-certs-file=/no/such/ca.pem is not a readable file");
    }

    @Test
    void allowingInsecureConnectionsIsWarnedAbout() {
        Logger logger = (Logger) LoggerFactory.getLogger(PulsarFactory.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.pulsar.tls-allow-insecure-connection", "true"))) {
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith(
                            "magnetar.pulsar.tls-allow-insecure-connection=true: Pulsar clients accept any broker"));
        } finally {
            logger.detachAppender(appender);
        }
    }
}
