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
 * is usually why a process died. A JVM of the warm pool writes to the pool's log and is watched for
 * its waiting line until it is given a function ({@link #moveTo}); from then on it is its replica's.
 */
final class ReplicaOutput {
    private static final IntConsumer NOT_YET = port -> { };

    private final Object lock = new Object();
    private final long pid;
    private final Runnable onWaiting;
    private final CountDownLatch drained = new CountDownLatch(2);
    private Writer log;
    private boolean closed;
    private volatile IntConsumer onReady;
    private volatile String lastErrorLine;

    private ReplicaOutput(long pid, Writer log, IntConsumer onReady, Runnable onWaiting) {
        this.pid = pid;
        this.log = log;
        this.onReady = onReady;
        this.onWaiting = onWaiting;
    }

    /** Starts copying; {@code onReady} gets the HTTP port announced by the ready line. */
    static ReplicaOutput attach(Process process, Path logFile, String header, IntConsumer onReady) throws IOException {
        return attach(process, logFile, header, onReady, () -> { });
    }

    /** Starts copying the output of a JVM of the warm pool; {@code onWaiting} runs when it says it is warm. */
    static ReplicaOutput attachWaiting(Process process, Path logFile, String header, Runnable onWaiting)
            throws IOException {
        return attach(process, logFile, header, NOT_YET, onWaiting);
    }

    private static ReplicaOutput attach(Process process, Path logFile, String header, IntConsumer onReady,
                                        Runnable onWaiting) throws IOException {
        ReplicaOutput output = new ReplicaOutput(process.pid(), open(logFile), onReady, onWaiting);
        output.write("--- " + Instant.now() + " " + header + " (pid " + process.pid() + ")");
        output.pump(process.getInputStream(), false, "replica-out-" + process.pid());
        output.pump(process.getErrorStream(), true, "replica-err-" + process.pid());
        return output;
    }

    /**
     * From now on the output goes to {@code logFile}, headed by {@code header}, and {@code onReady} gets the ready
     * line: a JVM of the warm pool became a replica. The last error line so far was the pool's, not the replica's.
     *
     * @throws IOException when the process has ended (its output is all copied) or the file cannot be opened
     */
    void moveTo(Path logFile, String header, IntConsumer onReady) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the process (pid " + pid + ") has ended");
            }
            Writer next = open(logFile);
            write("--- " + Instant.now() + " continues in " + logFile);
            closeLog();
            closed = false;
            log = next;
            lastErrorLine = null;
            this.onReady = onReady;
            write("--- " + Instant.now() + " " + header + " (pid " + pid + ")");
        }
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

    private static Writer open(Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        return Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
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
                } else if (!isStderr && RuntimeLaunch.isWaitingLine(line)) {
                    onWaiting.run();
                }
            }
        } catch (IOException e) {
            // The process is gone and took its pipe with it: nothing more to copy.
        } finally {
            drained.countDown();
            if (drained.getCount() == 0) {
                synchronized (lock) {
                    closeLog();
                }
            }
        }
    }

    private void write(String line) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
            } catch (IOException e) {
                // A full disk must not stop the replica: its output is lost, not its work.
            }
        }
    }

    /** Called holding the lock. */
    private void closeLog() {
        closed = true;
        try {
            log.close();
        } catch (IOException e) {
            // Nothing left to save.
        }
    }
}
