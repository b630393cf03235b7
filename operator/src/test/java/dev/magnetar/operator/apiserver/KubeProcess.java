package dev.magnetar.operator.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One process of {@link KubeControlPlane}, its output in {@code <logs>/<binary>.log}; stopped with SIGTERM, then SIGKILL. */
final class KubeProcess implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(KubeProcess.class);

    private final String name;
    private final Path log;
    private final Process process;

    private KubeProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static KubeProcess start(Path binary, List<String> arguments, Path logs) {
        String name = binary.getFileName().toString();
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LOG.info("Started {} (pid {}), log {}", name, process.pid(), log);
            return new KubeProcess(name, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** Fails, naming the log, when the process has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; its output: " + log);
        }
    }

    /** Stops it and waits until it is gone. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", name, process.pid(),
                        STOP_WAIT.toSeconds());
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
