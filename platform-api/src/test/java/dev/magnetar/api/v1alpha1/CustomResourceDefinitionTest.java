package dev.magnetar.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart ships a copy of the CRD the build generates; they must not drift apart. */
class CustomResourceDefinitionTest {
    private static final String CRD = "functions.magnetar.dev-v1.yml";

    @Test
    void chartCopyEqualsTheGeneratedDefinition() throws IOException {
        String generated;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + CRD)) {
            assertThat(in).as("generated CRD on the class path").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path copy = Path.of(System.getProperty("magnetar.home", ".."), "charts/magnetar/crds", CRD);

        assertThat(Files.readString(copy))
                .as("%s differs from the generated CRD: cp platform-api/target/classes/META-INF/fabric8/%s %s",
                        copy, CRD, copy)
                .isEqualTo(generated);
    }

    @Test
    void definesTheScaleSubresourceAndPrinterColumns() throws IOException {
        String generated;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + CRD)) {
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(generated)
                .contains("specReplicasPath: \".spec.replicas\"")
                .contains("statusReplicasPath: \".status.replicas\"")
                .contains("labelSelectorPath: \".status.selector\"")
                .contains("name: \"READY\"", "name: \"REPLICAS\"", "name: \"INPUT\"", "name: \"BACKLOG\"", "name: \"AGE\"")
                .contains("- \"mfn\"");
    }
}
