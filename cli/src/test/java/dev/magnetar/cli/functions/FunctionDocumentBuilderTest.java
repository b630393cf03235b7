package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config file first, flags on top; relative jars resolved where the user meant them. */
class FunctionDocumentBuilderTest {
    @TempDir
    Path dir;

    @Test
    void configFileJarIsRelativeToTheFileAndFlagsOverrideIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fn/target")).getParent();
        Files.writeString(folder.resolve("target/fn.jar"), "jar");
        Files.writeString(folder.resolve("function.yaml"), """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata:
                  name: from-file
                spec:
                  runtime:
                    className: a.Fn
                    jar: target/fn.jar
                  inputs: [file-in]
                  output: file-out
                """);
        FunctionFlags flags = new FunctionFlags();
        flags.functionConfigFile = Path.of("fn/function.yaml");
        flags.output = "flag-out";
        flags.retainOrdering = true;

        Function function = new FunctionDocumentBuilder(dir).build(flags);

        assertThat(function.getMetadata().getName()).isEqualTo("from-file");
        assertThat(function.getSpec().getRuntime().jar()).isEqualTo(folder.resolve("target/fn.jar").toString());
        assertThat(function.getSpec().getInputs()).containsExactly("file-in");
        assertThat(function.getSpec().getOutput()).isEqualTo("flag-out");
        assertThat(function.getSpec().getSubscription().type()).isEqualTo(SubscriptionType.Failover);
    }

    @Test
    void unknownFieldInConfigFileNamesFileAndField() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: x}
                spec: {className: a.Fn}
                """);
        FunctionFlags flags = new FunctionFlags();
        flags.functionConfigFile = Path.of("bad.yaml");

        assertThatThrownBy(() -> new FunctionDocumentBuilder(dir).build(flags))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("--function-config-file")
                .hasMessageContaining("spec.className");
    }

    @Test
    void jarFlagIsMadeAbsoluteFromTheWorkingDirectory() throws IOException {
        Files.writeString(dir.resolve("fn.jar"), "jar");
        FunctionFlags flags = new FunctionFlags();
        flags.jar = "fn.jar";
        flags.inputs = List.of(" a ", "", "b");

        Function function = new FunctionDocumentBuilder(dir).build(flags);

        assertThat(Path.of(function.getSpec().getRuntime().jar())).isAbsolute().isEqualTo(dir.resolve("fn.jar"));
        assertThat(function.getSpec().getInputs()).containsExactly("a", "b");
    }

    @Test
    void userConfigMustBeAnObject() {
        assertThat(FunctionDocumentBuilder.parseUserConfig("{\"a\":{\"b\":[1,2]}}")).containsKey("a");
        assertThatThrownBy(() -> FunctionDocumentBuilder.parseUserConfig("[1]"))
                .hasMessageStartingWith("invalid --user-config '[1]'");
    }

    @Test
    void autoscalingFlagsSetOnlyWhatTheyGiveOverTheFile() throws IOException {
        Files.writeString(dir.resolve("function.yaml"), """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: scaled}
                spec:
                  runtime: {className: a.Fn}
                  inputs: [in]
                  autoscaling: {minReplicas: 1, maxReplicas: 4, targetBacklogPerReplica: 50}
                """);
        FunctionFlags flags = new FunctionFlags();
        flags.functionConfigFile = Path.of("function.yaml");
        flags.autoscaling = new AutoscalingFlags();
        flags.autoscaling.minReplicas = 0;
        flags.autoscaling.scaleToZeroAfterSeconds = 30;

        Function function = new FunctionDocumentBuilder(dir).build(flags);

        assertThat(function.getSpec().getAutoscaling()).isEqualTo(
                new dev.magnetar.api.v1alpha1.AutoscalingSpec(0, 4, 50L, null, null, 30, null, null, null));
    }

    @Test
    void parallelismIsRefusedForAnAutoscaledFunction() {
        FunctionFlags flags = new FunctionFlags();
        flags.className = "a.Fn";
        flags.parallelism = 3;
        flags.autoscaling = new AutoscalingFlags();
        flags.autoscaling.maxReplicas = 5;

        assertThatThrownBy(() -> new FunctionDocumentBuilder(dir).build(flags))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("--parallelism 3 has no effect on an autoscaled function")
                .hasMessageContaining("--min-replicas and --max-replicas");
    }
}
