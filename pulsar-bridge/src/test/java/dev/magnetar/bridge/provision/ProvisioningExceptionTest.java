package dev.magnetar.bridge.provision;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pulsar.client.admin.PulsarAdminException;
import org.junit.jupiter.api.Test;

class ProvisioningExceptionTest {

    @Test
    void keepsTheServersMessageLineOutOfAStackTrace() {
        String serverError = "\n --- An unexpected error occurred in the server ---\n\nMessage: Version mismatch\n\nStacktrace:\n\tat x.y";

        assertThat(ProvisioningException.firstLine(serverError)).isEqualTo("Version mismatch");
        assertThat(ProvisioningException.firstLine("Namespace does not exist")).isEqualTo("Namespace does not exist");
    }

    @Test
    void saysWhetherARetryCanHelp() {
        var notFound = new ProvisioningException("create topic persistent://t/ns/in",
                new PulsarAdminException.NotFoundException(new RuntimeException("x"), "Namespace does not exist", 404));
        var serverError = new ProvisioningException("create topic persistent://t/ns/in",
                new PulsarAdminException.ServerSideErrorException(new RuntimeException("x"), "boom", "boom", 500));

        assertThat(notFound.retryable()).isFalse();
        assertThat(notFound).hasMessage("cannot create topic persistent://t/ns/in: Pulsar said: Namespace does not exist"
                + " (HTTP 404); retrying will not help until this is fixed");
        assertThat(serverError.retryable()).isTrue();
        assertThat(serverError).hasMessageContaining("retrying may help");
    }
}
