package dev.magnetar.controlplane.testing;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.config.AdminConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Definitions of the built sample functions, on topics of the test's choosing. */
public final class Samples {
    private Samples() {
    }

    public static Function exclamation(String input, String output, int replicas) {
        return sample("exclamation", "dev.magnetar.samples.exclamation.ExclamationFunction", input, output, replicas);
    }

    /** async-enrich answers after {@code delayMs}: a slow function for timeout tests. */
    public static Function slowEnrich(String input, long delayMs, long timeoutMs) {
        Function function = sample("async-enrich", "dev.magnetar.samples.asyncenrich.AsyncEnrichFunction", input, null, 1);
        function.getSpec().setUserConfig(Map.of("delayMs", delayMs));
        function.getSpec().setTimeoutMs(timeoutMs);
        function.getSpec().setConcurrency(10);
        return function;
    }

    /** {@link CrashingFunction}, packed into {@code dir}: every replica fails as it starts. */
    public static Function crashing(Path dir, String input, int replicas) {
        return definition(CrashingFunction.class.getName(), CrashingJar.write(dir), input, null, replicas);
    }

    /**
     * The configuration that lets definitions point at the built samples' jars and at jars in {@code dirs}
     * (the test's own), as {@code magnetar standalone} allows its installation's samples.
     */
    public static Map<String, Object> allowJars(Path... dirs) {
        return allowJars(Map.of(), dirs);
    }

    /** {@code extra} with {@link #allowJars(Path...)}. */
    public static Map<String, Object> allowJars(Map<String, Object> extra, Path... dirs) {
        List<String> allowed = Stream.concat(Stream.of(Installation.current().samplesDir()), Stream.of(dirs))
                .map(Path::toString).toList();
        Map<String, Object> config = new HashMap<>(extra);
        config.put(AdminConfig.ALLOWED_JAR_DIRS, allowed);
        return config;
    }

    public static String json(Function function) {
        return FunctionDocuments.toJson(function);
    }

    private static Function sample(String sample, String className, String input, String output, int replicas) {
        Path jar = Installation.current().samplesDir().resolve(sample).resolve("target").resolve(sample + ".jar");
        return definition(className, jar, input, output, replicas);
    }

    private static Function definition(String className, Path jar, String input, String output, int replicas) {
        Function function = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                spec:
                  runtime: {className: %s, jar: %s}
                """.formatted(className, jar));
        function.getSpec().setInputs(List.of(input));
        function.getSpec().setOutput(output);
        function.getSpec().setReplicas(replicas);
        return function;
    }
}
