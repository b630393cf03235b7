package dev.magnetar.bridge.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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
}
