package dev.magnetar.runtime.it;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replica as production runs it: a child JVM of the packaged runtime jar (whose class path holds
 * no test classes, so the function comes through the function-jar class loader). Its output goes
 * to {@code target/replica-logs/}.
 */
final class ReplicaProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("MAGNETAR_RUNTIME_READY instanceId=(\\d+) httpPort=(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final int requestedPort;
    private final long launchedNanos = System.nanoTime();
    private volatile int readyPort;

    private ReplicaProcess(Process process, Path log, int requestedPort) {
        this.process = process;
        this.log = log;
        this.requestedPort = requestedPort;
    }

    static ReplicaProcess launch(Function function, String pulsarUrl, int instanceId) {
        return launch(function, pulsarUrl, instanceId, 0);
    }

    /** Output goes straight to a file: a pipe read by a thread can lose the last lines when the process exits. */
    static ReplicaProcess launch(Function function, String pulsarUrl, int instanceId, int httpPort) {
        return launch(function, pulsarUrl, instanceId, httpPort, List.of());
    }

    static ReplicaProcess launch(Function function, String pulsarUrl, int instanceId, int httpPort,
                                 List<String> extraOptions) {
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable().toString(), "-Xmx256m",
                "-XX:+UseSerialGC", "-jar", Installation.current().runtimeJar().toString(),
                "--function-json", FunctionDocuments.toJson(function), "--pulsar-url", pulsarUrl,
                "--instance-id", Integer.toString(instanceId), "--http-port", Integer.toString(httpPort)));
        command.addAll(extraOptions);
        try {
            Path dir = Files.createDirectories(Installation.current().home().resolve("runtime-java/target/replica-logs"));
            Path log = dir.resolve(function.getMetadata().getName() + "-" + instanceId + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ReplicaProcess(process, log, httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a replica: " + command, e);
        }
    }

    /** A free local port, for tests that talk to a replica's HTTP port before it is ready. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the READY line (at most 60 s); fails with the exit code when the replica ends first. */
    ReplicaProcess awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!isReady()) {
            if (!process.isAlive() && !isReady()) {
                throw new IllegalStateException("the replica ended before it was ready (exit " + process.exitValue()
                        + "); see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica was not ready within 60 s; see " + log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** True once the READY line was printed. */
    boolean isReady() {
        if (readyPort == 0) {
            try {
                Matcher matcher = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    readyPort = Integer.parseInt(matcher.group(2));
                    System.out.printf("replica %s ready %d ms after launch%n", log.getFileName(),
                            (System.nanoTime() - launchedNanos) / 1_000_000);
                }
            } catch (IOException e) {
                return false;
            }
        }
        return readyPort != 0;
    }

    int httpPort() {
        return requestedPort != 0 ? requestedPort : awaitReady().readyPort;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + path);
    }

    /** The value of a Prometheus counter or gauge of this replica (summing label sets), 0 when absent. */
    double metric(String name) {
        try {
            double sum = 0;
            for (String line : get("/metrics").body().split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no drain, no close, unacked messages stay with the broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code (the replica drains first). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the replica did not stop within 60 s of SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    /** SIGTERM without waiting; completes with the exit code once the replica has drained and exited. */
    CompletableFuture<Integer> sigterm() {
        process.destroy();
        return process.onExit().thenApply(Process::exitValue);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(java.time.Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the replica still runs after " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** Everything the replica printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
