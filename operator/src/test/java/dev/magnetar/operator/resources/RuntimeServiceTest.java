package dev.magnetar.operator.resources;

import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static dev.magnetar.operator.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
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

    @Test
    void anUpdateKeepsTheClusterIpTheApiServerAssigned() {
        Service observed = RuntimeService.desired(function("exclaim"), SETTINGS);
        observed.getSpec().setClusterIP("10.96.0.12");
        observed.getSpec().setClusterIPs(List.of("10.96.0.12"));
        Service desired = RuntimeService.desired(function("exclaim"), SETTINGS);

        new RuntimeService(SETTINGS).carryOver(observed, desired);

        assertThat(desired.getSpec().getClusterIP()).isEqualTo("10.96.0.12");
        assertThat(desired.getSpec().getClusterIPs()).containsExactly("10.96.0.12");
    }
}
