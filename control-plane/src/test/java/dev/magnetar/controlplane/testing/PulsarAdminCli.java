package dev.magnetar.controlplane.testing;

import dev.magnetar.api.layout.Installation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apache Pulsar's own {@code pulsar-admin}, run as its {@code bin/pulsar-admin} script runs it: a separate JVM with
 * the tool's released class path (written by {@code compat/pulsar-admin-cli}), the main class
 * {@code org.apache.pulsar.admin.cli.PulsarAdminTool}, and a client configuration file as the first argument.
 *
 * <p>Each command is a JVM of its own that loads a few thousand classes and exits within seconds, so it starts the way
 * a short-lived tool starts fastest: the client compiler only, the serial collector, and the classes the first
 * command loaded mapped from a class-data archive it wrote at its exit. None of this changes what the tool does.
 */
public final class PulsarAdminCli {
    private static final String MAIN_CLASS = "org.apache.pulsar.admin.cli.PulsarAdminTool";
    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> QUICK_START = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:cds*=off");
    private final String classPath;
    private final Path conf;
    private final Path classArchive;

    /** What one command printed and how it exited. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private PulsarAdminCli(String classPath, Path conf) {
        this.classPath = classPath;
        this.conf = conf;
        this.classArchive = conf.resolveSibling("pulsar-admin.jsa");
    }

    /** The tool talking to {@code webServiceUrl}, with its configuration written into {@code dir}. */
    public static PulsarAdminCli against(String webServiceUrl, String brokerServiceUrl, Path dir) throws IOException {
        Path file = Installation.current().home().resolve("compat/pulsar-admin-cli/target/pulsar-admin.classpath");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build it with"
                    + " 'mvn -o -pl compat/pulsar-admin-cli generate-resources'");
        }
        Path conf = Files.writeString(dir.resolve("client.conf"), "webServiceUrl=" + webServiceUrl + "\n"
                + "brokerServiceUrl=" + brokerServiceUrl + "\n");
        return new PulsarAdminCli(Files.readString(file).trim(), conf);
    }

    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable().toString()));
        command.addAll(QUICK_START);
        // the first command writes the archive as it exits; every later one maps it
        command.add(Files.isRegularFile(classArchive) ? "-XX:SharedArchiveFile=" + classArchive
                : "-XX:ArchiveClassesAtExit=" + classArchive);
        command.addAll(List.of("-cp", classPath, MAIN_CLASS, conf.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(conf.getParent(), "pulsar-admin", ".out");
        Path err = Files.createTempFile(conf.getParent(), "pulsar-admin", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("pulsar-admin " + String.join(" ", args) + " did not end within "
                    + TIMEOUT_SECONDS + " s; it printed: " + Files.readString(out) + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
