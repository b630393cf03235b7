package dev.magnetar.operator.chart;

import static dev.magnetar.operator.chart.ChartTemplates.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the autoscaler and KEDA's ScaledObjects need of the chart: the controller's rights and settings. */
class ChartAutoscalerTest {

    @Test
    void theControllerMayScaleFunctionsAndManageScaledObjectsButNoLongerMakeHorizontalPodAutoscalers() {
        for (Map<String, Object> values : List.of(Map.<String, Object>of(),
                Map.<String, Object>of("controller.watchNamespaces[0]", "team-a"))) {
            List<PolicyRule> rules = controllerRules(render(values));

            assertThat(verbs(rules, "magnetar.dev", "functions/scale")).contains("get", "update");
            assertThat(verbs(rules, "keda.sh", "scaledobjects")).contains("get", "create", "update", "delete");
            assertThat(verbs(rules, "autoscaling", "horizontalpodautoscalers")).contains("delete")
                    .doesNotContain("create", "update", "patch");
        }
    }

    @Test
    void theAutoscalersSettingsReachTheControllerAndKedasOnlyWhenSet() {
        Map<String, String> defaults = ChartTemplates.plainEnv(ChartTemplates.deployment(render(Map.of()),
                "magnetar-controller"));
        assertThat(defaults).containsEntry("MAGNETAR_KUBERNETES_AUTOSCALER_INTERVAL", "1s")
                .containsEntry("MAGNETAR_KUBERNETES_AUTOSCALER_MAX_AGE", "5s")
                .containsEntry("MAGNETAR_KUBERNETES_AUTOSCALER_MAX_LIVE_READS", "20");
        assertThat(defaults.keySet()).noneMatch(name -> name.startsWith("MAGNETAR_KUBERNETES_KEDA_"));

        Map<String, String> keda = ChartTemplates.plainEnv(ChartTemplates.deployment(render(Map.of(
                "controller.keda.authenticationRef", "pulsar-admin", "controller.keda.authModes", "bearer",
                "controller.keda.pulsarAdminUrl", "http://pulsar.keda-visible:8080")), "magnetar-controller"));
        assertThat(keda).containsEntry("MAGNETAR_KUBERNETES_KEDA_AUTHENTICATION_REF", "pulsar-admin")
                .containsEntry("MAGNETAR_KUBERNETES_KEDA_AUTHENTICATION_KIND", "ClusterTriggerAuthentication")
                .containsEntry("MAGNETAR_KUBERNETES_KEDA_AUTH_MODES", "bearer")
                .containsEntry("MAGNETAR_KUBERNETES_KEDA_PULSAR_ADMIN_URL", "http://pulsar.keda-visible:8080");
    }

    @Test
    void callbackHostsReachTheGatewayOnlyWhenListed() {
        assertThat(ChartTemplates.plainEnv(ChartTemplates.deployment(render(Map.of()), "magnetar-gateway")))
                .doesNotContainKey("MAGNETAR_GATEWAY_CALLBACK_HOSTS");

        Map<String, String> listed = ChartTemplates.plainEnv(ChartTemplates.deployment(render(Map.of(
                "gateway.callbackHosts[0]", "hooks.example.com", "gateway.callbackHosts[1]", "10.0.0.7")),
                "magnetar-gateway"));
        assertThat(listed).containsEntry("MAGNETAR_GATEWAY_CALLBACK_HOSTS", "hooks.example.com,10.0.0.7");
    }

    private static List<PolicyRule> controllerRules(List<HasMetadata> objects) {
        return objects.stream()
                .filter(o -> o.getMetadata().getName().equals("magnetar-controller"))
                .flatMap(o -> o instanceof ClusterRole role ? role.getRules().stream()
                        : o instanceof Role role ? role.getRules().stream() : java.util.stream.Stream.empty())
                .toList();
    }

    private static List<String> verbs(List<PolicyRule> rules, String group, String resource) {
        return rules.stream().filter(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource))
                .flatMap(rule -> rule.getVerbs().stream()).toList();
    }
}
