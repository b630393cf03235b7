package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.runtime.fixtures.Definitions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad configuration ends the packaged runtime with exit code 2 and one line on stderr, before any Pulsar traffic. */
class RuntimeStartupIT {

    private record Outcome(int exitCode, String stderr) {
    }

    private static Outcome run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable().toString(), "-jar",
                Installation.current().runtimeJar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Outcome(process.exitValue(), stderr);
    }

    @Test
    void anUnknownOptionIsAConfigurationError() throws Exception {
        Outcome outcome = run("--function-jsn", "{}");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).startsWith("magnetar-runtime: unknown option '--function-jsn'").doesNotContain("\n");
    }

    @Test
    void aClassMissingFromTheJarIsAConfigurationError() throws Exception {
        Function function = Definitions.define("missing-class", "com.example.Nope", Definitions.exclamationJar(), "in", "out");
        Outcome outcome = run("--function-json", FunctionDocuments.toJson(function), "--pulsar-url", "pulsar://127.0.0.1:1",
                "--http-port", "0");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).startsWith("magnetar-runtime: spec.runtime.className: cannot load 'com.example.Nope'")
                .doesNotContain("\n");
    }
}
