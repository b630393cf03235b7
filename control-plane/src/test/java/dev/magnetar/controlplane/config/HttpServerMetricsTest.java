package dev.magnetar.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control plane records no per-request HTTP server metrics unless asked: nothing serves them by default. */
class HttpServerMetricsTest {
    static final String SERVER_METRICS_FILTER = "io.micronaut.configuration.metrics.binder.web.ServerMetricsFilter";

    @Test
    void theControlPlaneRunsNoServerMetricsFilterByDefault() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("magnetar.data-dir", ""))) {
            assertThat(beanTypes(context)).doesNotContain(SERVER_METRICS_FILTER);
        }
    }

    @Test
    void switchingTheWebBinderOnBringsTheFilterBack() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("magnetar.data-dir", "",
                "micronaut.metrics.binders.web.enabled", "true"))) {
            assertThat(beanTypes(context)).contains(SERVER_METRICS_FILTER);
        }
    }

    private static java.util.List<String> beanTypes(ApplicationContext context) {
        return context.getAllBeanDefinitions().stream().map(definition -> definition.getBeanType().getName()).toList();
    }
}
