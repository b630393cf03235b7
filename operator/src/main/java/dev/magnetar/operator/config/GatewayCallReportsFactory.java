package dev.magnetar.operator.config;

import dev.magnetar.controlplane.autoscale.GatewayCallReports;
import dev.magnetar.controlplane.autoscale.GatewayCalls;
import dev.magnetar.gateway.http.GatewayConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * On Kubernetes the gateway runs apart from the autoscaler (in the leading controller): it reports its calls over
 * Pulsar, so a call to a function at zero wakes it at once and waiting calls count toward its in-flight target.
 */
@Factory
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class GatewayCallReportsFactory {
    @Context
    @Bean(preDestroy = "close")
    public GatewayCallReports gatewayCallReports(PulsarClient client, GatewayConfig gateway, GatewayCalls calls) {
        GatewayCallReports reports = new GatewayCallReports(client, gateway.replyTenant(), gateway.replyNamespace(), calls);
        reports.start();
        return reports;
    }
}
