package dev.magnetar.runtime.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.runtime.loading.FunctionJar;
import dev.magnetar.runtime.loading.LoadedFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;


/** Every sample's function.yaml is a valid definition whose class is in the jar it names. */
class SampleDefinitionsTest {

    private static List<Path> definitions() throws IOException {
        try (Stream<Path> files = Files.walk(Installation.current().samplesDir())) {
            return files.filter(file -> file.getFileName().toString().equals("function.yaml"))
                    .filter(file -> !file.toString().contains("/target/")).sorted().toList();
        }
    }

    @Test
    void thereIsOneDefinitionPerSample() throws IOException {
        assertThat(definitions()).extracting(file -> file.getParent().getFileName().toString())
                .containsExactly("async-enrich", "exclamation", "state-word-count", "word-count");
    }

    @Test
    void everyDefinitionParsesAndIsValid() throws IOException {
        for (Path file : definitions()) {
            Function function = FunctionDocuments.read(file);
            assertThat(FunctionValidator.validate(function)).as(file.toString()).isEmpty();
            assertThat(function.getApiVersion()).as(file.toString()).isEqualTo(Function.API_VERSION);
            assertThat(function.getSpec().getRuntime().jar()).as(file.toString())
                    .isEqualTo("target/" + file.getParent().getFileName() + ".jar");
        }
    }

    @Test
    void everyDefinitionsClassLoadsFromItsJar() throws IOException {
        for (Path file : definitions()) {
            ResolvedFunction function = ResolvedFunction.of(FunctionDocuments.read(file));
            Path jar = file.getParent().resolve(function.jar());
            assertThat(jar).as("built by the samples module").isRegularFile();
            LoadedFunction loaded = FunctionJar.load(jar, function.className());
            assertThat(loaded.className()).isEqualTo(function.className());
        }
    }
}
