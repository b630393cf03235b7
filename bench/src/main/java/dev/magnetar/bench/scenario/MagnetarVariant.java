package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** MAGNETAR: one runtime replica JVM ({@code magnetar-runtime.jar}) running the exclamation sample. */
public final class MagnetarVariant implements Variant {
    static final String CLASS_NAME = "dev.magnetar.samples.exclamation.ExclamationFunction";

    private final Installation installation;
    private final int concurrency;

    /** {@code concurrency} is the spec's per-replica concurrency; 1 is the platform default. */
    public MagnetarVariant(Installation installation, int concurrency) {
        this.installation = installation;
        this.concurrency = concurrency;
    }

    @Override
    public String name() {
        return concurrency == 1 ? "MAGNETAR" : "MAGNETAR-c" + concurrency;
    }

    @Override
    public String description() {
        return "one magnetar-runtime replica JVM, exclamation sample, ATLEAST_ONCE, Shared, concurrency " + concurrency
                + (concurrency == 1 ? " (the default)" : "");
    }

    @Override
    public List<String> command(String serviceUrl, Topics topics, Path workDir) throws IOException {
        Path functionFile = workDir.resolve("function.yaml");
        Files.writeString(functionFile, functionYaml(topics));
        return List.of(Installation.javaExecutable().toString(), "-jar", installation.runtimeJar().toString(),
                "--function-file", functionFile.toString(), "--pulsar-url", serviceUrl, "--http-port", "0",
                "--parent-pid", Long.toString(ProcessHandle.current().pid()));
    }

    private String functionYaml(Topics topics) {
        Path jar = installation.samplesDir().resolve("exclamation/target/exclamation.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with 'mvn -q -DskipTests -pl samples/exclamation -am install'");
        }
        return """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata:
                  name: bench-exclamation
                spec:
                  tenant: public
                  namespace: default
                  runtime:
                    className: %s
                    jar: %s
                  inputs:
                    - %s
                  output: %s
                  subscription:
                    name: %s
                    type: Shared
                    initialPosition: Earliest
                  concurrency: %d
                """.formatted(CLASS_NAME, jar, topics.input(), topics.output(), topics.subscription(), concurrency);
    }
}
