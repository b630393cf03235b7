package dev.magnetar.cli.e2e;

import dev.magnetar.api.layout.Installation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code magnetar} CLI jar as a separate process, the way the launcher script does. A command is a
 * JVM that lives for a second or two, so it starts the way a short-lived tool starts fastest: the client compiler
 * only, the serial collector, and the classes the first command loaded mapped from a class-data archive it wrote at
 * its exit, for every later test of this test JVM. None of this changes what the CLI does.
 */
final class CliProcess {
    /** What one CLI run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto", "-Xlog:cds*=off");
    private static Path classArchive;
    private final Path home;
    private final Path logDir;
    private final Map<String, String> environment;

    CliProcess(Path logDir) {
        this(logDir, Map.of());
    }

    /** @param environment variables added to the environment of every process started */
    CliProcess(Path logDir, Map<String, String> environment) {
        this.home = Installation.current().home();
        this.logDir = logDir;
        this.environment = Map.copyOf(environment);
    }

    Path home() {
        return home;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** The command line that starts the CLI jar; {@code extraJvm} go before {@code -jar}. */
    List<String> command(List<String> extraJvm, String... args) {
        Path jar = home.resolve("cli/target/magnetar-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the E2E through 'mvn verify' (after package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Installation.javaExecutable().toString());
        command.add("-Dmagnetar.home=" + home);
        command.addAll(extraJvm);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    Result run(String... args) {
        return runIn(home, args);
    }

    /** The first command writes the archive as it exits; every later one maps it. */
    private static synchronized List<String> quickStart() throws IOException {
        if (classArchive == null) {
            Path dir = Files.createTempDirectory("magnetar-cli-classes");
            dir.toFile().deleteOnExit();
            classArchive = dir.resolve("magnetar-cli.jsa");
            classArchive.toFile().deleteOnExit(); // deleted before its directory
        }
        List<String> options = new ArrayList<>(QUICK_START);
        options.add(Files.isRegularFile(classArchive) ? "-XX:SharedArchiveFile=" + classArchive
                : "-XX:ArchiveClassesAtExit=" + classArchive);
        return options;
    }

    /** Runs one CLI command in {@code workingDir} and waits for it (a CLI command is quick). */
    Result runIn(Path workingDir, String... args) {
        try {
            Path out = Files.createTempFile(logDir, "cli-", ".out");
            Path err = Files.createTempFile(logDir, "cli-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command(quickStart(), args))
                    .directory(workingDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("magnetar " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
