package dev.magnetar.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The chart rendered by helm-java as release {@code magnetar} in {@link #NAMESPACE}, its objects parsed. */
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
}
