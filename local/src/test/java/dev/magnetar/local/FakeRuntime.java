package dev.magnetar.local;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.magnetar.security.replica.ReplicaAccess;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Stands in for the runtime in the local replicas' own ITs: takes the runtime's options, prints the heap and
 * processor count its JVM got and its ready line, and waits for SIGTERM. With {@code FAKE_EXIT_CODE} set it writes
 * a last error line to stderr and exits with that code instead, like a runtime refusing its configuration; with
 * {@code FAKE_NEVER_READY} set it runs without ever printing its ready line, like a runtime that cannot subscribe.
 * Secrets it got ({@code FAKE_SECRET} and the Pulsar token) it prints only as digests, as nothing may print a secret.
 */
public final class FakeRuntime {
    private FakeRuntime() {
    }

    /** Settings that launch this stand-in, small and quick, as every replica of the given data directory. */
    static ReplicaSettings settings(Path dataDir) throws Exception {
        return settings(dataDir, Duration.ofSeconds(20));
    }

    /** The same, with {@code readyTimeout} for each new replica of an update. */
    static ReplicaSettings settings(Path dataDir, Duration readyTimeout) throws Exception {
        String classes = Path.of(FakeRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> launcher = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", classes, FakeRuntime.class.getName());
        return new ReplicaSettings(launcher, "pulsar://127.0.0.1:1", dataDir,
                new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(60)),
                Duration.ofSeconds(5), readyTimeout, ClassDataArchive.off(), ReplicaAccess.random());
    }

    /** A definition of {@code public/default/echo} whose replicas this stand-in runs. */
    static Function echo(Path jar, String input) {
        return FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: echo}
                spec:
                  tenant: public
                  namespace: default
                  runtime: {className: a.B, jar: %s}
                  inputs: [%s]
                """.formatted(jar, input));
    }

    public static void main(String[] args) throws Exception {
        String instanceId = option(args, "--instance-id");
        Path functionFile = Path.of(option(args, "--function-file"));
        if (!Files.isRegularFile(functionFile)) {
            System.err.println("no function file at " + functionFile);
            System.exit(2);
        }
        String exitCode = System.getenv("FAKE_EXIT_CODE");
        if (exitCode != null) {
            System.err.println("fake failure of instance " + instanceId + " env " + System.getenv("GREETING"));
            System.exit(Integer.parseInt(exitCode));
        }
        System.out.println("starting with GREETING=" + System.getenv("GREETING"));
        // Spelled out: this process has only the test classes on its class path, not RuntimeLaunch.
        for (String secret : List.of("FAKE_SECRET", "MAGNETAR_PULSAR_AUTH_TOKEN")) {
            System.out.println(secret + " " + digest(System.getenv(secret)));
        }
        System.out.println("heap=" + Runtime.getRuntime().maxMemory() + " processors="
                + Runtime.getRuntime().availableProcessors());
        if (System.getenv("FAKE_NEVER_READY") != null) {
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        System.out.println("MAGNETAR_RUNTIME_READY instanceId=" + instanceId + " httpPort=" + (40000 + Integer.parseInt(instanceId)));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** {@code sha256=<hex>} of the value, or {@code none}. */
    static String digest(String value) throws NoSuchAlgorithmException {
        return value == null ? "none" : "sha256=" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }
}
