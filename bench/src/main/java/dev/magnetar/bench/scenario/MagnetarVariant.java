package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.WorkerJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** MAGNETAR: one runtime replica JVM ({@code magnetar-runtime.jar}) running a function with a given concurrency. */
public final class MagnetarVariant implements Variant {
    private final Installation installation;
    private final String name;
    private final FunctionCode code;
    private final int concurrency;
    private final List<String> jvmOptions;
    private boolean jfr;

    /** {@code jvmOptions} go before {@code -jar}, e.g. a JFR recording or an AppCDS archive. */
    public MagnetarVariant(Installation installation, String name, FunctionCode code, int concurrency,
                           List<String> jvmOptions) {
        this.installation = installation;
        this.name = name;
        this.code = code;
        this.concurrency = concurrency;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The exclamation sample; named MAGNETAR at the default concurrency 1, MAGNETAR-c&lt;n&gt; otherwise. */
    public static MagnetarVariant exclamation(Installation installation, int concurrency) {
        return new MagnetarVariant(installation, concurrency == 1 ? "MAGNETAR" : "MAGNETAR-c" + concurrency,
                FunctionCode.exclamation(installation), concurrency, List.of());
    }

    /**
     * {@code BytesExclamationFunction}, the one LocalRunner runs too: the drains compare runtimes, so every side
     * runs the same code. Named like {@link #exclamation}.
     */
    public static MagnetarVariant bytesExclamation(Installation installation, int concurrency) {
        return new MagnetarVariant(installation, concurrency == 1 ? "MAGNETAR" : "MAGNETAR-c" + concurrency,
                FunctionCode.bytesExclamation(installation), concurrency, List.of());
    }

    /** The same replica under another name. */
    public MagnetarVariant named(String newName) {
        return new MagnetarVariant(installation, newName, code, concurrency, jvmOptions).withJfr(jfr);
    }

    /** Records a JFR profile ({@code settings=profile}) of each worker into its run directory as {@code worker.jfr}. */
    public MagnetarVariant withJfr(boolean enabled) {
        this.jfr = enabled;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "one magnetar-runtime replica JVM, " + code.label() + " function, ATLEAST_ONCE, Shared, concurrency "
                + concurrency + (concurrency == 1 ? " (the default)" : "")
                + (jvmOptions.isEmpty() ? "" : ", JVM options " + String.join(" ", jvmOptions));
    }

    @Override
    public List<String> command(String serviceUrl, Topics topics, Path workDir) throws IOException {
        Path functionFile = workDir.resolve("function.yaml");
        Files.writeString(functionFile, functionYaml(topics));
        List<String> command = new ArrayList<>();
        command.add(Installation.javaExecutable().toString());
        command.addAll(WorkerJvm.options());
        command.addAll(jvmOptions);
        if (jfr) {
            command.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename=" + workDir.resolve("worker.jfr"));
        }
        command.addAll(List.of("-jar", installation.runtimeJar().toString(),
                "--function-file", functionFile.toString(), "--pulsar-url", serviceUrl, "--http-port", "0",
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        return command;
    }

    String functionYaml(Topics topics) {
        String userConfig = code.userConfig().isEmpty() ? "" : "  userConfig:\n" + code.userConfig().entrySet().stream()
                .map(e -> "    " + e.getKey() + ": \"" + e.getValue() + "\"\n").sorted().collect(Collectors.joining());
        return """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata:
                  name: bench-%s
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
                """.formatted(code.label(), code.className(), code.jar(), topics.input(), topics.output(),
                topics.subscription(), concurrency) + userConfig;
    }
}
