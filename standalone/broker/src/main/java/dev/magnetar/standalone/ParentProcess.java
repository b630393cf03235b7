package dev.magnetar.standalone;

import dev.magnetar.api.launch.BrokerReadyLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that owns this broker ({@code --parent-pid}): {@code magnetar standalone}, which stops its
 * replicas and its control plane first and then asks the broker to stop with the
 * {@link BrokerReadyLine#STOP} line on the broker's standard input. Without that line, the broker stops
 * when its parent is gone, however it ended (no orphaned brokers).
 */
final class ParentProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ParentProcess.class);

    private final ProcessHandle handle;

    private ParentProcess(ProcessHandle handle) {
        this.handle = handle;
    }

    /** The running parent named by {@code --parent-pid}, empty without the option. */
    static Optional<ParentProcess> of(BrokerArguments args) throws StartupFailure {
        if (args.parentPid().isEmpty()) {
            return Optional.empty();
        }
        long pid = args.parentPid().getAsLong();
        Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            throw new StartupFailure("--parent-pid " + pid + " is not a running process; omit the option"
                    + " or pass the pid of the process that owns this broker");
        }
        return Optional.of(new ParentProcess(parent.get()));
    }

    long pid() {
        return handle.pid();
    }

    boolean alive() {
        return handle.isAlive();
    }

    /** Runs {@code stop} when the parent writes the stop line on {@code stdin}, or when it is gone. */
    void onStopRequest(InputStream stdin, Runnable stop) {
        handle.onExit().thenRun(() -> {
            LOG.warn("Parent process {} is gone: stopping the broker", handle.pid());
            stop.run();
        });
        Thread reader = new Thread(() -> {
            if (readsStopLine(stdin)) {
                LOG.info("Parent process {} asked the broker to stop", handle.pid());
                stop.run();
            }
        }, "magnetar-broker-stop-request");
        reader.setDaemon(true);
        reader.start();
    }

    /** True once the stop line arrives; false when the input ends without it (the exit watch covers that). */
    private static boolean readsStopLine(InputStream stdin) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (BrokerReadyLine.STOP.equals(line.trim())) {
                    return true;
                }
            }
        } catch (IOException e) {
            // No input to read: the exit watch stops the broker.
        }
        return false;
    }
}
