package dev.magnetar.controlplane.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.store.FunctionRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class is checked wherever its jar is on the control plane's machine, and only there. */
class FunctionClassCheckTest {
    private static final FunctionRef ECHO = new FunctionRef("public", "default", "echo");
    private static final Path SAMPLE = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
    private static final String MISSING = "org.example.Missing";

    @TempDir
    Path dir;

    @Test
    void aJarGivenAsALocalPathIsChecked() {
        FunctionClassCheck check = new FunctionClassCheck(null);

        assertThat(check.check(resolved(SAMPLE.toString(), null, "dev.magnetar.samples.exclamation.ExclamationFunction")))
                .isEmpty();
        assertThat(check.check(resolved(SAMPLE.toString(), null, MISSING))).extracting(Violation::field)
                .containsExactly("spec.runtime.className");
    }

    @Test
    void aJarKeptInPulsarIsCheckedThroughTheCopyThisControlPlaneStored() throws IOException {
        FunctionPackages packages = new FunctionPackages(dir.resolve("packages"),
                new AdminConfig(List.of(), List.of(), 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        Path stored;
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            stored = packages.store(ECHO, in);
        }
        String location = new PulsarPackage(PulsarPackage.topicOf("public", "default", "echo"),
                stored.getFileName().toString().replace(".jar", "")).location();

        assertThat(new FunctionClassCheck(packages).check(resolved(location, null, MISSING)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains(MISSING));
        packages.removeAll(ECHO);
        assertThat(new FunctionClassCheck(packages).check(resolved(location, null, MISSING)))
                .as("no copy here: the jar is only in Pulsar").isEmpty();
    }

    @Test
    void theDefinitionsWindowDecidesWhichKindsOfFunctionAreAccepted() {
        FunctionClassCheck check = new FunctionClassCheck(null);
        ResolvedFunction windowed = ResolvedFunction.of(windowed(resolvedDefinition(SAMPLE.toString(),
                "dev.magnetar.samples.exclamation.ExclamationFunction")));

        assertThat(check.check(windowed)).as("a Pulsar Function takes one message, not windows")
                .singleElement().satisfies(v -> assertThat(v.message()).contains("spec.window"));
    }

    @Test
    void aJarInsideTheFunctionsImageIsNotOnThisMachineAndNotChecked() {
        assertThat(new FunctionClassCheck(null).check(resolved(SAMPLE.toString(), "registry/echo:1", MISSING))).isEmpty();
    }

    @Test
    void aJarThatIsNotHereIsLeftToTheReplicasPreflight() {
        FunctionClassCheck check = new FunctionClassCheck(null);

        assertThat(check.check(resolved(dir.resolve("absent.jar").toString(), null, MISSING))).isEmpty();
        assertThat(check.check(resolved("relative.jar", null, MISSING))).isEmpty();
    }

    private static Function windowed(Function function) {
        function.getSpec().setWindow(new dev.magnetar.api.v1alpha1.WindowSpec(10, null, null, null, null, null, null,
                null, null));
        return function;
    }

    private static Function resolvedDefinition(String jar, String className) {
        Function function = FunctionDocuments.parse("""
                metadata: {name: echo}
                spec:
                  runtime: {className: %s}
                  inputs: [in]
                """.formatted(className));
        function.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, jar, className));
        return function;
    }

    private static ResolvedFunction resolved(String jar, String image, String className) {
        Function function = FunctionDocuments.parse("""
                metadata: {name: echo}
                spec:
                  runtime: {className: %s}
                  inputs: [in]
                """.formatted(className));
        function.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(image, jar, className));
        return ResolvedFunction.of(function);
    }
}
