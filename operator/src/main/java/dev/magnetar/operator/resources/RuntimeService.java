package dev.magnetar.operator.resources;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Optional;

/**
 * The ClusterIP Service in front of a function's replicas, on the runtime's HTTP port. The cluster IPs the
 * API server assigned are kept by updates.
 */
public final class RuntimeService implements Dependent<Service> {
    private final RuntimeSettings settings;

    public RuntimeService(RuntimeSettings settings) {
        this.settings = settings;
    }

    @Override
    public Class<Service> type() {
        return Service.class;
    }

    @Override
    public Optional<Service> desired(Function function) {
        return Optional.of(desired(function, settings));
    }

    @Override
    public void carryOver(Service observed, Service desired) {
        desired.getSpec().setClusterIP(observed.getSpec().getClusterIP());
        desired.getSpec().setClusterIPs(observed.getSpec().getClusterIPs());
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
