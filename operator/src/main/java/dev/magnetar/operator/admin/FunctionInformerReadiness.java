package dev.magnetar.operator.admin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Not ready until the Function informer has synced: a gateway that answered before would send
 * 404 "unknown function" for functions that exist.
 */
@Singleton
@Readiness
@Requires(beans = InformerFunctionDirectory.class)
public class FunctionInformerReadiness extends AbstractHealthIndicator<Map<String, Object>> {
    private final InformerFunctionDirectory directory;

    public FunctionInformerReadiness(InformerFunctionDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean synced = directory.synced();
        healthStatus = synced ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("synced", synced);
    }

    @Override
    protected String getName() {
        return "functionInformer";
    }
}
