package dev.magnetar.controlplane.testing;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
