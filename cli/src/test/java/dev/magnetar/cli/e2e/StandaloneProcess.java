package dev.magnetar.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code magnetar standalone} as a real process: started from the CLI jar, stopped with SIGTERM. */
final class StandaloneProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String adminUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StandaloneProcess(Process process, Path log, String adminUrl) {
        this.process = process;
        this.log = log;
        this.adminUrl = adminUrl;
    }

    static StandaloneProcess start(CliProcess cli, Path log, List<String> args, int port) throws IOException {
        return start(cli, log, args, port, List.of());
    }

    /** {@code prefix} goes before the command, e.g. {@code setsid} to run it in a process group of its own. */
    static StandaloneProcess start(CliProcess cli, Path log, List<String> args, int port, List<String> prefix)
            throws IOException {
        List<String> all = new ArrayList<>(List.of("standalone", "--port", String.valueOf(port)));
        all.addAll(args);
        List<String> command = new ArrayList<>(prefix);
        command.addAll(cli.command(List.of(), all.toArray(String[]::new)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(cli.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(cli.environment());
        Process process = builder.start();
        return new StandaloneProcess(process, log, "http://127.0.0.1:" + port);
    }

    String adminUrl() {
        return adminUrl;
    }

    Process process() {
        return process;
    }

    /** What the CLI prints once the broker, the control plane and the --samples are all up. */
    static final String RUNNING = "Magnetar standalone is running.";

    /** Waits for the banner and an answering admin API (the broker start dominates: 10 s or more). */
    void awaitRunning() {
        awaitRunning("/magnetar/v1/functions/public/default");
    }

    /** Waits for the banner and a 200 from {@code path}, e.g. health when the admin API needs a token. */
    void awaitRunning(String path) {
        await("admin API of magnetar standalone at " + adminUrl).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("magnetar standalone exited with " + process.exitValue() + ":\n" + output());
                    }
                    HttpResponse<String> answer = get(path);
                    return output().contains(RUNNING) && answer != null && answer.statusCode() == 200;
                });
    }

    /** GET on the control plane; null when nothing listens (yet). */
    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then waits for the process; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("magnetar standalone did not stop within 90 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
