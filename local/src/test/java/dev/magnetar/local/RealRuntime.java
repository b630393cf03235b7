package dev.magnetar.local;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.security.replica.ReplicaAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The packaged runtime as standalone launches it, against the embedded broker: settings for local replicas (with a
 * warm pool of a given size) and definitions of the exclamation sample, for the ITs that need real replicas.
 */
final class RealRuntime {
    static final Duration WAIT = Duration.ofSeconds(90);

    private RealRuntime() {
    }

    static ReplicaSettings settings(Path dataDir, String pulsarUrl, int warmPoolSize) {
        List<String> launcher = List.of(Installation.javaExecutable().toString(), "-Xmx128m", "-Xss512k",
                "-XX:+UseSerialGC", "-jar", Installation.current().runtimeJar().toString());
        return new ReplicaSettings(launcher, pulsarUrl, dataDir,
                new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(60)),
                Duration.ofSeconds(10), WAIT, ClassDataArchive.off(), ReplicaAccess.random()).withWarmPool(warmPoolSize);
    }

    static ReplicaLimits limits() {
        return new ReplicaLimits(16, 32, 64L << 30, 2L << 30, Duration.ofMillis(200));
    }

    /** The exclamation sample as {@code public/default/<name>}: each message on {@code input} comes out with a "!". */
    static Function exclamation(String name, String input, String output) {
        Path jar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar").toAbsolutePath();
        return FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: %s}
                spec:
                  tenant: public
                  namespace: default
                  runtime: {className: dev.magnetar.samples.exclamation.ExclamationFunction, jar: %s}
                  inputs: [%s]
                  output: %s
                """.formatted(name, jar, input, output));
    }

    /** The one replica of {@code fqfn} once it is ready, else empty. */
    static Optional<InstanceStatus> readyReplica(LocalReplicas replicas, String fqfn) {
        List<InstanceStatus> status = replicas.status(fqfn);
        return status.size() == 1 && status.get(0).ready() ? Optional.of(status.get(0)) : Optional.empty();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
    }

    /** Children of this JVM that are JVMs of a warm pool, still waiting or not. */
    static List<ProcessHandle> pooledChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of())
                        .contains(Option.ASSIGNMENT.flag()))
                .toList();
    }

    /** The command line of process {@code pid}, or an empty list once it is gone. */
    static List<String> arguments(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().arguments()).map(List::of).orElse(List.of());
    }
}
