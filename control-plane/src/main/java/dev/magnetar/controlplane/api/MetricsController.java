package dev.magnetar.controlplane.api;

import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /metrics}: the control plane's metrics in Prometheus's text format, the autoscaler's decisions, desired
 * replicas and observed backlogs among them. Superusers only: function names and loads are not for every caller.
 */
@Controller("/metrics")
@Requires(beans = PrometheusMeterRegistry.class)
public class MetricsController {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Access(AccessRule.SUPERUSER)
    @Get(produces = PROMETHEUS_TEXT)
    public String scrape() {
        return registry.scrape();
    }
}
