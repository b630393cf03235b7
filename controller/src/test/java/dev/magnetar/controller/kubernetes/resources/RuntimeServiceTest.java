package dev.magnetar.controller.kubernetes.resources;

import static dev.magnetar.controller.kubernetes.testing.TestFunctions.SETTINGS;
import static dev.magnetar.controller.kubernetes.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

class RuntimeServiceTest {

    @Test
    void exposesTheRuntimeHttpPortOfTheReplicas() {
        Service service = RuntimeService.desired(function("exclaim"), SETTINGS);

        assertThat(service.getMetadata().getName()).isEqualTo("fn-exclaim");
        assertThat(service.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("uid-exclaim"));
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector()).isEqualTo(FunctionNames.selectorLabels("public", "default", "exclaim"));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(9090);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }
}
