package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The function a worker runs: its jar, class and user config, the same for Magnetar and LocalRunner.
 * Classes of the bench's function jar are named, not referenced: the Functions API is not on the bench's class path.
 */
public record FunctionCode(String label, Path jar, String className, Map<String, String> userConfig) {

    /** The exclamation sample: {@code input + "!"}, as cheap as a function gets. */
    public static FunctionCode exclamation(Installation installation) {
        return new FunctionCode("exclamation", require(installation.samplesDir().resolve("exclamation/target/exclamation.jar"),
                "samples/exclamation"), "dev.magnetar.samples.exclamation.ExclamationFunction", Map.of());
    }

    /**
     * The async-enrich sample: each JSON order enriched after a simulated non-blocking lookup of {@code delayMs}, as
     * a function calling a remote service behaves.
     */
    public static FunctionCode asyncEnrich(Installation installation, long delayMs) {
        return new FunctionCode("async-enrich", require(installation.samplesDir().resolve(
                "async-enrich/target/async-enrich.jar"), "samples/async-enrich"),
                "dev.magnetar.samples.asyncenrich.AsyncEnrichFunction", Map.of("delayMs", Long.toString(delayMs)));
    }

    /** {@code BytesExclamationFunction} from the bench's own function jar: what LocalRunner runs as exclamation. */
    public static FunctionCode bytesExclamation(Installation installation) {
        return new FunctionCode("bytes-exclamation", benchFunctionsJar(installation), "dev.magnetar.bench.functions.BytesExclamationFunction",
                Map.of());
    }

    /** {@code IoBoundFunction} from the bench's own function jar, waiting {@code delayMs} per message. */
    public static FunctionCode ioBound(Installation installation, long delayMs) {
        return new FunctionCode("io-bound", benchFunctionsJar(installation), "dev.magnetar.bench.functions.IoBoundFunction",
                Map.of("delayMs", Long.toString(delayMs)));
    }

    private static Path benchFunctionsJar(Installation installation) {
        return require(installation.home().resolve("bench/target/magnetar-bench-functions.jar"), "bench");
    }

    private static Path require(Path jar, String module) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with 'mvn -B -o -q -DskipTests -pl " + module
                    + " -am package'");
        }
        return jar;
    }
}
