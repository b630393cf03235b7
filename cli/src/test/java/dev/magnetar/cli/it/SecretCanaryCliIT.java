package dev.magnetar.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.cli.CliRun;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret shows in what the CLI prints. A canary secret and the function's own Pulsar token are planted as
 * standalone secret files, the control plane has a token of its own, and every verb that shows a function runs
 * against it; so do the mistakes of giving a secret's value where its reference belongs. No output, and no file
 * the replica left, holds any of the three.
 */
class SecretCanaryCliIT {
    private static final String CANARY = "canary-" + UUID.randomUUID();
    private static final String FUNCTION_TOKEN = "function-token-" + UUID.randomUUID();
    private static final String PLATFORM_TOKEN = "platform-token-" + UUID.randomUUID();
    private static final String NAME = "canary";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    final List<CliRun> runs = new ArrayList<>();

    @Test
    void noVerbPrintsASecret() throws Exception {
        writeSecret("canary", "value", CANARY);
        writeSecret("canary-fn", "token", FUNCTION_TOKEN);
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl(), PLATFORM_TOKEN)), 
                Map.of(AdminConfig.ALLOWED_JAR_DIRS, Installation.current().samplesDir().toString()))) {
            live(plane, pulsar.uniqueTopic("canary-cli-in"));
        }

        assertThat(runs).hasSize(12).allSatisfy(run -> assertNoSecretIn(String.join("", run.out(), run.err())));
        try (Stream<Path> tree = Files.walk(dataDir)) {
            for (Path file : tree.filter(Files::isRegularFile)
                    .filter(file -> !file.startsWith(dataDir.resolve("secrets"))).toList()) {
                assertNoSecretIn(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Create, every verb that shows the function, the mistakes of giving a secret's value, delete. */
    private void live(ControlPlane plane, String input) throws Exception {
        Path definition = Files.writeString(work.resolve("function.yaml"),
                definition(input, "{name: canary-fn, key: token}"));
        assertThat(run(plane, "functions", "create", "--function-config-file", definition.toString(), "--name", NAME,
                "--secrets", "{\"CANARY\": {\"path\": \"canary\", \"key\": \"value\"}}", "--wait",
                "--wait-timeout", "90s").exitCode()).as(runs.get(0).err()).isZero();
        for (List<String> verb : List.of(List.of("functions", "get", "--name", NAME),
                List.of("functions", "get", "--name", NAME, "--output-format", "json"),
                List.of("functions", "status", "--name", NAME),
                List.of("functions", "status", "--name", NAME, "--output-format", "yaml"),
                List.of("functions", "stats", "--name", NAME), List.of("functions", "list"),
                List.of("invoke", NAME, "--data", "hi"),
                List.of("functions", "trigger", "--name", NAME, "--trigger-value", "pulled"))) {
            assertThat(run(plane, verb.toArray(String[]::new)).exitCode()).as(String.join(" ", verb)).isZero();
        }
        assertThat(run(plane, "functions", "create", "--name", "leaky", "--jar", sampleJar().toString(),
                "--classname", "a.B", "--inputs", input, "--secrets", "{\"CANARY\": \"" + CANARY + "\"}")
                .exitCode()).isEqualTo(2);
        Path leaky = Files.writeString(work.resolve("leaky.yaml"), definition(input, FUNCTION_TOKEN));
        assertThat(run(plane, "functions", "create", "--function-config-file", leaky.toString(), "--name", "leaky")
                .exitCode()).isNotZero();
        assertThat(run(plane, "functions", "delete", "--name", NAME).exitCode()).isZero();
    }

    private CliRun run(ControlPlane plane, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-url", plane.url()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        runs.add(run);
        return run;
    }

    private static String definition(String input, String token) {
        return """
                spec:
                  runtime: {className: dev.magnetar.samples.exclamation.ExclamationFunction, jar: %s}
                  inputs: [%s]
                  pulsarAuth:
                    token: %s
                """.formatted(sampleJar(), input, token);
    }

    private static Path sampleJar() {
        return Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
    }

    private void writeSecret(String name, String key, String value) throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("secrets").resolve(name));
        Files.writeString(dir.resolve(key), value + "\n");
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(CANARY).doesNotContain(FUNCTION_TOKEN).doesNotContain(PLATFORM_TOKEN);
    }
}
