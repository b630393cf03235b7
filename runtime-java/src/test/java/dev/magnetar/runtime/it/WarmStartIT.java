package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.launch.RuntimeAssignment;
import dev.magnetar.api.launch.RuntimeLaunch;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a JVM of standalone's warm pool ({@code --assignment stdin}): it warms up with no function, says it
 * waits, runs the function one line on its standard input names, and ends cleanly when that input closes first; a
 * line that is no assignment is a configuration error that quotes none of it.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class WarmStartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    Process process;
    Path log;

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void startWaiting(EmbeddedPulsar pulsar) throws IOException {
        log = dir.resolve("pooled.log");
        process = new ProcessBuilder(Installation.javaExecutable().toString(), "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                Installation.current().runtimeJar().toString(), "--assignment", RuntimeAssignment.STDIN,
                "--pulsar-url", pulsar.serviceUrl(), "--http-port", "0", "--http-host", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(WAIT).until(() -> output().contains(RuntimeLaunch.WAITING) || !process.isAlive());
        assertThat(process.isAlive()).as("waiting, see " + log).isTrue();
    }

    private String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private void send(String line) throws IOException {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWarmJvmRunsTheFunctionItsAssignmentNames(EmbeddedPulsar pulsar) throws Exception {
        Function function = Definitions.define(Inputs.uniqueName("warm"), Definitions.EXCLAMATION_CLASS,
                Definitions.exclamationJar(), pulsar.uniqueTopic("warm-in"), pulsar.uniqueTopic("warm-out"));
        Path file = Files.writeString(dir.resolve("function.yaml"), FunctionDocuments.toYaml(function));
        startWaiting(pulsar);
        assertThat(output()).doesNotContain(RuntimeLaunch.READY);

        try (OutputCollector outputs = OutputCollector.on(pulsar.client(), function.getSpec().getOutput());
             Producer<String> producer = Inputs.producer(pulsar, function.getSpec().getInputs().get(0))) {
            send(new RuntimeAssignment(Map.of(Option.FUNCTION_FILE.variable(), file.toString(),
                    Option.INSTANCE_ID.variable(), "2")).toLine());
            await().atMost(WAIT).until(() -> output().contains(RuntimeLaunch.READY + " instanceId=2"));
            producer.send("warm");
            await().atMost(WAIT).until(() -> outputs.values().contains("warm!"));
        }
        process.destroy();
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("drained and stopped, see " + log).isZero();
    }

    @Test
    void closingItsInputBeforeAnAssignmentEndsItCleanly(EmbeddedPulsar pulsar) throws Exception {
        startWaiting(pulsar);

        process.getOutputStream().close();

        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output()).contains("Stopping before any function was assigned").doesNotContain(RuntimeLaunch.READY);
    }

    @Test
    void aLineThatIsNoAssignmentIsAConfigurationErrorQuotingNoneOfIt(EmbeddedPulsar pulsar) throws Exception {
        startWaiting(pulsar);

        send("{\"MAGNETAR_PULSAR_AUTH_TOKEN\": \"secret-token\", \"GREETING\": \"x\"}");

        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(lines.size() - 1)).startsWith("magnetar-runtime: 'GREETING' is not a setting of the runtime");
        assertThat(output()).doesNotContain("secret-token");
    }
}
