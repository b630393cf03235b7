package dev.magnetar.standalone.launcher;

import dev.magnetar.api.launch.BrokerReadyLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * Drains the broker's stdout for as long as it runs: the READY or FAILED line settles
 * {@link #ready()}, every other line is appended to the console log (where stderr goes too).
 */
final class BrokerConsole implements Runnable {
    private static final int TAIL_LINES = 15;
    private static final int TAIL_BYTES = 8192;

    private final InputStream stdout;
    private final Path consoleLog;
    private final CompletableFuture<BrokerReadyLine> ready = new CompletableFuture<>();
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    BrokerConsole(InputStream stdout, Path consoleLog) {
        this.stdout = stdout;
        this.consoleLog = consoleLog;
    }

    /** Completes with the READY line, or with null when the broker failed or its stdout ended first. */
    CompletableFuture<BrokerReadyLine> ready() {
        return ready;
    }

    /** The FAILED reason, once {@link #ready()} completed with null because of it. */
    String failureReason() {
        return failure.getNow(null);
    }

    @Override
    public void run() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(consoleLog, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!ready.isDone() && handleProtocol(line)) {
                    continue;
                }
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
            }
        } catch (IOException e) {
            // The stream closes when the broker exits; anything else ends the drain the same way.
        } finally {
            ready.complete(null);
        }
    }

    private boolean handleProtocol(String line) {
        var reason = BrokerReadyLine.failure(line);
        if (reason.isPresent()) {
            failure.complete(reason.get());
            ready.complete(null);
            return true;
        }
        var announced = BrokerReadyLine.parse(line);
        announced.ifPresent(ready::complete);
        return announced.isPresent();
    }

    /** The last lines of the console log, joined on " | ", to explain a broker that died silently. */
    static String tail(Path consoleLog) {
        try (SeekableByteChannel channel = Files.newByteChannel(consoleLog)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read the whole tail
            }
            Deque<String> tail = new ArrayDeque<>();
            for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    tail.addLast(line.trim());
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
            return tail.isEmpty() ? "(no output)" : String.join(" | ", tail);
        } catch (IOException e) {
            return "(cannot read " + consoleLog + ": " + e.getMessage() + ")";
        }
    }
}
