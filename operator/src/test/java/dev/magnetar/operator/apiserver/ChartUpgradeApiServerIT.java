package dev.magnetar.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import dev.magnetar.operator.chart.ChartTemplates;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart installed and upgraded by helm-java on a real kube-apiserver: the keys it makes are random at
 * install and the same after an upgrade (tokens minted from the key stay valid, replicas keep their tokens).
 */
class ChartUpgradeApiServerIT {
    private static final String NAMESPACE = ChartTemplates.NAMESPACE;
    private static final List<String> KEYS = List.of("magnetar-token-key", "magnetar-replica-access");

    @Test
    void anUpgradeKeepsTheKeysTheInstallMade() {
        Optional<String> missing = KubeApiTestServer.missingBinaries();
        assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
        try (KubeApiTestServer server = KubeApiTestServer.start(); KubernetesClient client = server.newClient()) {
            String kubeConfig = server.kubeConfigYaml();
            new Helm(ChartTemplates.CHART).install().withName("magnetar").withNamespace(NAMESPACE).createNamespace()
                    .withKubeConfigContents(kubeConfig).call();
            Map<String, Map<String, String>> installed = keys(client);

            new Helm(ChartTemplates.CHART).upgrade().withName("magnetar").withNamespace(NAMESPACE)
                    .set("gateway.replicas", "3").withKubeConfigContents(kubeConfig).call();

            assertThat(installed).containsOnlyKeys(KEYS).allSatisfy((name, data) -> assertThat(data).isNotEmpty());
            assertThat(keys(client)).isEqualTo(installed);
        }
    }

    private static Map<String, Map<String, String>> keys(KubernetesClient client) {
        return KEYS.stream().collect(Collectors.toMap(name -> name, name -> {
            Secret secret = client.secrets().inNamespace(NAMESPACE).withName(name).get();
            assertThat(secret).as(name).isNotNull();
            return secret.getData();
        }));
    }
}
