package dev.magnetar.controller.kubernetes.resources;

import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The ClusterIP Service in front of a function's replicas, on the runtime's HTTP port. */
public final class RuntimeService {
    private RuntimeService() {
    }

    public static Service desired(Function function, RuntimeSettings settings) {
        ResolvedFunction resolved = ResolvedFunction.of(function);
        return new ServiceBuilder()
                .withMetadata(ChildMetadata.of(function, resolved))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(ChildMetadata.selector(resolved))
                .addNewPort()
                .withName(RuntimeDeployment.HTTP_PORT_NAME)
                .withProtocol("TCP")
                .withPort(settings.httpPort())
                .withTargetPort(new IntOrString(RuntimeDeployment.HTTP_PORT_NAME))
                .endPort()
                .endSpec()
                .build();
    }
}
