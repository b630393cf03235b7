package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.controlplane.store.FunctionRef;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.junit.jupiter.api.Test;

/** The names a request's URL path gives a function, checked before a package is stored under them. */
class PulsarFunctionRequestsTest {

    @Test
    void theConfigTakesThePathsNames() {
        FunctionConfig config = PulsarFunctionRequests.named(new FunctionRef("acme", "prod", "fn"), new FunctionConfig());

        assertThat(config.getTenant()).isEqualTo("acme");
        assertThat(config.getNamespace()).isEqualTo("prod");
        assertThat(config.getName()).isEqualTo("fn");
    }

    @Test
    void namesThatAreNotNamesAreRefusedBeforeAnythingIsStoredUnderThem() {
        assertThatThrownBy(() -> PulsarFunctionRequests.named(new FunctionRef("..", "..", "../x"), new FunctionConfig()))
                .isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("name: '../x' is not allowed")
                .hasMessageContaining("tenant: '..' is not allowed")
                .hasMessageContaining("namespace: '..' is not allowed");
    }

    @Test
    void aConfigThatNamesAnotherFunctionIsRefused() {
        FunctionConfig config = new FunctionConfig();
        config.setName("other");

        assertThatThrownBy(() -> PulsarFunctionRequests.named(new FunctionRef("public", "default", "fn"), config))
                .isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("name: is 'other' but the URL path says 'fn'");
    }
}
