package dev.magnetar.api.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Magnetar's own built artefacts are: the broker jar that runs in its own JVM, and the
 * runtime jar every replica runs. The home is the repository root (or an unpacked distribution)
 * given by the {@code magnetar.home} system property or the {@code MAGNETAR_HOME} variable.
 */
public final class Installation {
    public static final String HOME_PROPERTY = "magnetar.home";
    public static final String HOME_ENV = "MAGNETAR_HOME";

    private final Path home;

    public Installation(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** The installation this process belongs to; fails with what to set when none is found. */
    public static Installation current() {
        return find().orElseThrow(() -> new IllegalStateException("cannot find the Magnetar installation:"
                + " set -D" + HOME_PROPERTY + "=<dir> or " + HOME_ENV + " to the directory holding the 'magnetar' script"));
    }

    public static Optional<Installation> find() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new Installation(Path.of(configured)));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("magnetar")) && Files.isDirectory(dir.resolve("runtime-java"))) {
                return Optional.of(new Installation(dir));
            }
        }
        return Optional.empty();
    }

    public Path home() {
        return home;
    }

    /** The embedded broker's launcher jar; its dependencies sit in {@code lib/} beside it. */
    public Path standaloneJar() {
        return require(home.resolve("standalone/broker/target/magnetar-broker.jar"), "standalone/broker");
    }

    /** The runtime jar a replica runs; its dependencies sit in {@code lib/} beside it. */
    public Path runtimeJar() {
        return require(home.resolve("runtime-java/target/magnetar-runtime.jar"), "runtime-java");
    }

    /**
     * The state backend's jar and, in {@code lib/} beside it, its dependencies (BookKeeper's client): loaded by the
     * control plane in a class loader of their own, never on its class path.
     */
    public Path stateBackendJar() {
        return require(home.resolve("state-bookkeeper/target/magnetar-state-bookkeeper.jar"), "state-bookkeeper");
    }

    public Path samplesDir() {
        return home.resolve("samples");
    }

    /** The java launcher of this JVM, so child JVMs run the same Java. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Path require(Path jar, String module) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with"
                    + " 'mvn -q -DskipTests -pl " + module + " -am package' (the ./magnetar script does this)");
        }
        return jar;
    }
}
