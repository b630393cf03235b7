package dev.magnetar.local;

import dev.magnetar.api.launch.RuntimeLaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Copies one replica process's stdout and stderr into its log file, watching stdout for the
 * runtime's ready line (it carries the HTTP port) and remembering the last stderr line, which
 * is usually why a process died.
 */
final class ReplicaOutput {

    private final Writer log;
    private final IntConsumer onReady;
    private final CountDownLatch drained = new CountDownLatch(2);
    private volatile String lastErrorLine;

    private ReplicaOutput(Writer log, IntConsumer onReady) {
        this.log = log;
        this.onReady = onReady;
    }

    /** Starts copying; {@code onReady} gets the HTTP port announced by the ready line. */
    static ReplicaOutput attach(Process process, Path logFile, String header, IntConsumer onReady) throws IOException {
        Files.createDirectories(logFile.getParent());
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ReplicaOutput output = new ReplicaOutput(log, onReady);
        output.write("--- " + Instant.now() + " " + header + " (pid " + process.pid() + ")");
        output.pump(process.getInputStream(), false, "replica-out-" + process.pid());
        output.pump(process.getErrorStream(), true, "replica-err-" + process.pid());
        return output;
    }

    String lastErrorLine() {
        return lastErrorLine;
    }

    /** Waits briefly for both streams to end after the process exited, so the last line is known. */
    void awaitDrained() {
        try {
            drained.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream stream, boolean isStderr, String threadName) {
        Thread thread = new Thread(() -> copy(stream, isStderr), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void copy(InputStream stream, boolean isStderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                write(line);
                if (isStderr && !line.isBlank()) {
                    lastErrorLine = line.strip();
                } else if (!isStderr && RuntimeLaunch.isReadyLine(line)) {
                    onReady.accept(RuntimeLaunch.httpPort(line));
                }
            }
        } catch (IOException e) {
            // The process is gone and took its pipe with it: nothing more to copy.
        } finally {
            drained.countDown();
            if (drained.getCount() == 0) {
                closeLog();
            }
        }
    }

    private void write(String line) {
        synchronized (log) {
            try {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
            } catch (IOException e) {
                // A full disk must not stop the replica: its output is lost, not its work.
            }
        }
    }

    private void closeLog() {
        synchronized (log) {
            try {
                log.close();
            } catch (IOException e) {
                // Nothing left to save.
            }
        }
    }
}
