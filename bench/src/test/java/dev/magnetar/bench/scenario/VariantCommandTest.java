package dev.magnetar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.local.config.ReplicaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantCommandTest {
    private static final Variant.Topics TOPICS = new Variant.Topics("persistent://public/default/in",
            "persistent://public/default/out", "bench");
    private static final FunctionCode CODE = new FunctionCode("io-bound", Path.of("/x/f.jar"), "a.B", Map.of("delayMs", "5"));

    @Test
    void magnetarFunctionFileCarriesTopicsConcurrencyAndUserConfig(@TempDir Path dir) throws Exception {
        MagnetarVariant variant = new MagnetarVariant(new Installation(dir), "M", CODE, 8, List.of());
        Path file = dir.resolve("function.yaml");
        Files.writeString(file, variant.functionYaml(TOPICS));
        Function function = FunctionDocuments.read(file);
        assertThat(function.getSpec().getConcurrency()).isEqualTo(8);
        assertThat(function.getSpec().getInputs()).containsExactly(TOPICS.input());
        assertThat(function.getSpec().getOutput()).isEqualTo(TOPICS.output());
        assertThat(function.getSpec().getUserConfig()).containsEntry("delayMs", "5");
        assertThat(function.getSpec().getRuntime().className()).isEqualTo("a.B");
    }

    @Test
    void magnetarJvmOptionsGoBeforeTheJar(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("runtime-java/target"));
        Files.writeString(dir.resolve("runtime-java/target/magnetar-runtime.jar"), "");
        MagnetarVariant variant = new MagnetarVariant(new Installation(dir), "M", CODE, 1, List.of("-XX:+UseSerialGC"));
        List<String> command = variant.command("pulsar://h:1", TOPICS, dir);
        assertThat(command).containsSubsequence("-XX:+UseSerialGC", "-jar").contains("--pulsar-url", "pulsar://h:1");
    }

    @Test
    void everyWorkerRunsWithTheStandaloneReplicasJvmOptions(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("runtime-java/target"));
        Files.writeString(dir.resolve("runtime-java/target/magnetar-runtime.jar"), "");
        Files.createDirectories(dir.resolve("bench/localrunner/target/lib"));
        List<String> replicaDefaults = List.of(ReplicaConfig.DEFAULT_JVM_OPTIONS.split(","));
        assertThat(replicaDefaults).contains("-XX:+UseSerialGC");
        for (Variant variant : List.of(new BaselineVariant(), new MagnetarVariant(new Installation(dir), "M", CODE, 1, List.of()),
                new LocalRunnerVariant(new Installation(dir), "L", CODE))) {
            List<String> command = variant.command("pulsar://h:1", TOPICS, dir);
            assertThat(command.subList(1, 1 + replicaDefaults.size())).as(variant.name()).isEqualTo(replicaDefaults);
        }
    }

    @Test
    void jfrRecordsIntoTheRunDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("runtime-java/target"));
        Files.writeString(dir.resolve("runtime-java/target/magnetar-runtime.jar"), "");
        MagnetarVariant variant = new MagnetarVariant(new Installation(dir), "M", CODE, 1, List.of()).withJfr(true);
        assertThat(variant.command("pulsar://h:1", TOPICS, dir)).anyMatch(arg -> arg.startsWith("-XX:StartFlightRecording")
                && arg.endsWith("filename=" + dir.resolve("worker.jfr")));
    }

    @Test
    void localRunnerConfigNamesTheSameFunctionTopicsAndSubscription(@TempDir Path dir) {
        String json = new LocalRunnerVariant(new Installation(dir), "LR", CODE).functionConfig(TOPICS);
        assertThat(json).contains("\"className\": \"a.B\"").contains("\"jar\": \"/x/f.jar\"")
                .contains("\"output\": \"persistent://public/default/out\"").contains("\"subName\": \"bench\"")
                .contains("\"processingGuarantees\": \"ATLEAST_ONCE\"").contains("\"delayMs\": \"5\"");
    }
}
