package dev.magnetar.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.InstallCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart rendered by helm-java as release {@code magnetar} in {@link #NAMESPACE}, its objects parsed; and its
 * notes, as an install prints them.
 */
public final class ChartTemplates {
    public static final Path CHART = Path.of(System.getProperty("magnetar.home", ".."), "charts", "magnetar");
    public static final String NAMESPACE = "magnetar-system";

    private ChartTemplates() {
    }

    public static List<HasMetadata> render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName("magnetar").withNamespace(NAMESPACE)
                .withKubeVersion("1.30.0");
        values.forEach(template::set);
        String rendered = template.call();
        return Arrays.stream(rendered.split("(?m)^---\\s*$"))
                .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(doc -> (HasMetadata) Serialization.unmarshal(doc, HasMetadata.class))
                .toList();
    }

    /** The text {@code helm install} prints after installing, rendered without a cluster. */
    public static String notes(Map<String, Object> values) {
        InstallCommand install = new Helm(CHART).install().withName("magnetar").withNamespace(NAMESPACE)
                .withKubeVersion("1.30.0").clientOnly().dryRun();
        values.forEach(install::set);
        return install.call().getOutput();
    }

    public static Deployment deployment(List<HasMetadata> objects, String name) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    public static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The container's environment variables that have a plain value. */
    public static Map<String, String> plainEnv(Deployment deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        container(deployment).getEnv().stream().filter(e -> e.getValue() != null)
                .forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }
}
