package dev.magnetar.standalone.launcher;

import dev.magnetar.api.launch.BrokerReadyLine;
import dev.magnetar.api.layout.Installation;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Pulsar broker running in its own JVM (its class path must stay out of ours).
 * {@link #start} returns once the broker accepts clients; {@link #close} asks it to stop.
 * Broker output other than its READY/FAILED line goes to {@code <dataDir>/logs/broker-console.log};
 * the broker's own log is {@code <dataDir>/logs/broker.log}.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * How long a restart of a data directory with state storage may take before it is stopped and tried once more.
     * After a broker of that directory was killed (SIGKILL, power loss), the table service can wait on its old
     * ZooKeeper registration until its start fails while ZooKeeper and the bookie keep the JVM alive without a ready
     * line; a second start comes up clean, with the data intact.
     */
    public static final Duration RESTART_READY_TIMEOUT = Duration.ofSeconds(60);
    /** A data directory in ZooKeeper mode (the broker's state storage) has this directory. */
    static final String ZOOKEEPER_DIR = "zookeeper";
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    public static final String CONSOLE_LOG = "broker-console.log";
    /** Where BookKeeper's table service registers each server, as an ephemeral node of its ZooKeeper session. */
    static final String STATE_STORAGE_REGISTRATIONS = "/stream/servers/available";
    private static final int STALE_REGISTRATION_ATTEMPTS = 3;

    private final Process process;
    private final BrokerReadyLine ready;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BrokerProcess(Process process, BrokerReadyLine ready) {
        this.process = process;
        this.ready = ready;
    }

    /** Starts the broker JVM and waits for it to be ready; fails with the broker's reason otherwise. */
    public static BrokerProcess start(BrokerOptions options) {
        if (!Files.isDirectory(options.dataDir().resolve(ZOOKEEPER_DIR))) {
            return start(options, READY_TIMEOUT);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return start(options, RESTART_READY_TIMEOUT);
            } catch (ReadyTimeoutException e) {
                LOG.warn("The embedded broker of " + options.dataDir() + " was not ready within "
                        + RESTART_READY_TIMEOUT.toSeconds() + " s (its state storage may wait on the registration of a"
                        + " broker that was killed); it was stopped and starts once more");
                return start(options, READY_TIMEOUT);
            } catch (BrokerStartException e) {
                if (attempt >= STALE_REGISTRATION_ATTEMPTS || !staleStateStorageRegistration(e)) {
                    throw e;
                }
                // The registration belongs to the killed broker's ZooKeeper session, which expires while ZooKeeper
                // runs: each attempt brings that moment closer.
                LOG.warn("The state storage of the embedded broker of " + options.dataDir() + " found the"
                        + " registration of a broker that was killed and gave up waiting for it to expire; it starts"
                        + " once more (attempt " + (attempt + 1) + " of " + STALE_REGISTRATION_ATTEMPTS + ")");
            }
        }
    }

    /** The failure of a table service that found its killed predecessor's registration still in ZooKeeper. */
    static boolean staleStateStorageRegistration(BrokerStartException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("NodeExists") && message.contains(STATE_STORAGE_REGISTRATIONS);
    }

    static BrokerProcess start(BrokerOptions options, Duration readyTimeout) {
        Path jar = standaloneJar();
        List<String> command = BrokerCommand.of(options, jar, System.getenv(BrokerCommand.JAVA_OPTS_ENV));
        Path consoleLog = consoleLog(options.dataDir());
        Process process = spawn(command, BrokerCommand.environment(options), consoleLog, options.dataDir());
        BrokerConsole console = new BrokerConsole(process.getInputStream(), consoleLog);
        Thread drain = new Thread(console, "magnetar-broker-console-" + process.pid());
        drain.setDaemon(true);
        drain.start();
        return new BrokerProcess(process, awaitReady(process, console, consoleLog, readyTimeout));
    }

    private static Path standaloneJar() {
        try {
            return Installation.current().standaloneJar();
        } catch (IllegalStateException e) {
            throw new BrokerStartException(e.getMessage(), e);
        }
    }

    private static Process spawn(List<String> command, Map<String, String> environment, Path consoleLog, Path dataDir) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        builder.environment().putAll(environment);
        if (Files.isDirectory(dataDir)) {
            builder.directory(dataDir.toFile()); // stray relative files of the broker land in its own directory
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BrokerStartException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static BrokerReadyLine awaitReady(Process process, BrokerConsole console, Path consoleLog,
                                              Duration readyTimeout) {
        try {
            BrokerReadyLine line = console.ready().get(readyTimeout.toSeconds(), TimeUnit.SECONDS);
            if (line != null) {
                return line;
            }
            String reason = console.failureReason();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reason != null) {
                throw new BrokerStartException("embedded broker failed to start" + exitCode(process) + ": " + reason);
            }
            throw new BrokerStartException("embedded broker ended" + exitCode(process) + " before it was ready;"
                    + " last output (" + consoleLog + "): " + BrokerConsole.tail(consoleLog));
        } catch (TimeoutException e) {
            stop(process);
            throw new ReadyTimeoutException("embedded broker was not ready within " + readyTimeout.toSeconds()
                    + " s and was stopped; see " + consoleLog.resolveSibling("broker.log"), e);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the embedded broker", e);
        } catch (ExecutionException e) {
            stop(process);
            throw new BrokerStartException("embedded broker output could not be read: " + e.getCause(), e);
        }
    }

    /** The console log under the data directory, or a temp file when that directory cannot be made. */
    private static Path consoleLog(Path dataDir) {
        try {
            Path logs = Files.createDirectories(dataDir.resolve("logs"));
            return logs.resolve(CONSOLE_LOG);
        } catch (IOException e) {
            // The broker itself reports the unusable data directory; keep its console output anyway.
            try {
                return Files.createTempFile("magnetar-broker-console", ".log");
            } catch (IOException tempFailure) {
                throw new BrokerStartException("cannot create a console log for the broker: " + tempFailure.getMessage(),
                        tempFailure);
            }
        }
    }

    private static String exitCode(Process process) {
        return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
    }

    public String serviceUrl() {
        return ready.serviceUrl();
    }

    public String adminUrl() {
        return ready.adminUrl();
    }

    /** {@code bk://host:port} of the broker's table service (function state), or null when it runs without one. */
    public String stateStorageUrl() {
        return ready.stateStorageUrl();
    }

    public Path dataDir() {
        return ready.dataDir();
    }

    /** The {@code pulsar+ssl://} URL when started with TLS, else null. */
    public String tlsServiceUrl() {
        return ready.tlsServiceUrl();
    }

    /** The {@code https://} admin URL when started with TLS, else null. */
    public String tlsAdminUrl() {
        return ready.tlsAdminUrl();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The broker's exit code once it has ended; empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Stops the broker: the stop line on its standard input (it leaves signals to us while we run), up to
     * {@link #STOP_TIMEOUT} for a clean stop, then a kill. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write(BrokerReadyLine.STOP + System.lineSeparator());
        } catch (IOException e) {
            // It has ended already: the wait below returns at once.
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a broker that is not ready: SIGTERM ends it before it handles signals itself. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A start that produced no ready line in time; the broker was stopped. */
    static final class ReadyTimeoutException extends BrokerStartException {
        ReadyTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public String toString() {
        return "BrokerProcess[pid=" + pid() + ", serviceUrl=" + serviceUrl() + ", adminUrl=" + adminUrl() + "]";
    }
}
