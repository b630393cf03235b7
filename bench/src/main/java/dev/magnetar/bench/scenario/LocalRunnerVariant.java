package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.WorkerJvm;
import dev.magnetar.bench.report.JsonWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LOCALRUNNER: Pulsar's own {@code LocalRunner} 4.0.7 (class path copied to {@code bench/localrunner/target/lib/}
 * by the {@code bench/localrunner} build; its pom says why not the shaded 4.0.8 jar) in its own JVM, one
 * instance, thread runtime, running the same function jar as Magnetar.
 */
public final class LocalRunnerVariant implements Variant {
    static final String VERSION = "4.0.7";
    private final Installation installation;
    private final String name;
    private final FunctionCode code;

    public LocalRunnerVariant(Installation installation, String name, FunctionCode code) {
        this.installation = installation;
        this.name = name;
        this.code = code;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Pulsar LocalRunner " + VERSION + " JVM, one instance, thread runtime, " + code.label()
                + " function, ATLEAST_ONCE, Shared, its defaults otherwise (max pending async requests 1000, LZ4 output)";
    }

    @Override
    public List<String> command(String serviceUrl, Topics topics, Path workDir) {
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable().toString()));
        command.addAll(WorkerJvm.options());
        command.addAll(List.of("-cp", classPath(), "org.apache.pulsar.functions.LocalRunner",
                "--brokerServiceUrl", serviceUrl, "--functionConfig", functionConfig(topics).replace("\n", "")));
        return command;
    }

    String functionConfig(Topics topics) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tenant", "public");
        config.put("namespace", "default");
        config.put("name", "bench-" + code.label());
        config.put("className", code.className());
        config.put("jar", code.jar().toString());
        config.put("inputs", List.of(topics.input()));
        config.put("output", topics.output());
        config.put("subName", topics.subscription());
        config.put("processingGuarantees", "ATLEAST_ONCE");
        config.put("parallelism", 1);
        config.put("runtime", "JAVA");
        config.put("userConfig", new LinkedHashMap<String, Object>(code.userConfig()));
        return JsonWriter.write(config).strip();
    }

    private String classPath() {
        Path lib = installation.home().resolve("bench/localrunner/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build it with 'mvn -B -q -DskipTests -pl bench/localrunner package'");
        }
        return lib + java.io.File.separator + "*";
    }
}
