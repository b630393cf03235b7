package dev.magnetar.bench.gateway;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.ChildJvm;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.local.config.ReplicaConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real standalone control plane ({@code dev.magnetar.controlplane.ControlPlane}, from the CLI's class path) in
 * its own JVM against the bench's broker: admin API, gateway and local replicas, as {@code magnetar standalone}
 * runs them, minus the embedded broker.
 */
public final class ControlPlaneProcess implements AutoCloseable {
    static final long READY_TIMEOUT_SECONDS = 120;

    private final ChildJvm jvm;
    private final String url;
    private final String adminToken;
    /** HTTP/1.1, as most callers of a gateway: a timed call measures the call, not an upgrade to HTTP/2. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * What a control plane runs with beyond the bench's defaults.
     *
     * @param properties system properties, such as the {@code magnetar.auth.*} settings
     * @param adminToken the bearer token of the bench's own admin calls (deploy, status); null to send none
     */
    public record Extra(Map<String, String> properties, String adminToken) {
        public static final Extra NONE = new Extra(Map.of(), null);
    }

    private ControlPlaneProcess(ChildJvm jvm, String url, String adminToken) {
        this.jvm = jvm;
        this.url = url;
        this.adminToken = adminToken;
    }

    /** A control plane with the bench's defaults and nothing {@link Extra}. */
    public static ControlPlaneProcess start(Installation installation, String serviceUrl, String adminUrl, Path dir,
                                            int port, boolean jfr) throws IOException {
        return start(installation, serviceUrl, adminUrl, dir, port, jfr, Extra.NONE);
    }

    /**
     * With {@code jfr}, the control plane records a JFR profile into {@code <dir>/control-plane.jfr} and its (one)
     * replica into {@code <dir>/replica.jfr}.
     */
    public static ControlPlaneProcess start(Installation installation, String serviceUrl, String adminUrl, Path dir,
                                            int port, boolean jfr, Extra extra) throws IOException {
        Path cli = installation.home().resolve("cli/target");
        if (!Files.isRegularFile(cli.resolve("magnetar-cli.jar"))) {
            throw new IllegalStateException(cli.resolve("magnetar-cli.jar") + " is missing: build it with"
                    + " 'mvn -B -q -DskipTests -pl cli -am package'");
        }
        Files.createDirectories(dir);
        List<String> command = new java.util.ArrayList<>(List.of(Installation.javaExecutable().toString()));
        if (jfr) {
            command.add(recording(dir.resolve("control-plane.jfr")));
            command.addAll(replicaOptionsWith(recording(dir.resolve("replica.jfr"))));
        }
        extra.properties().forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-D" + Installation.HOME_PROPERTY + "=" + installation.home(),
                "-Dmicronaut.server.port=" + port,
                "-Dmagnetar.data-dir=" + dir.resolve("data"),
                "-Dmagnetar.pulsar.service-url=" + serviceUrl,
                "-Dmagnetar.pulsar.admin-url=" + adminUrl,
                // The scenario's function is a sample; a definition may name jars only where this allows.
                "-D" + AdminConfig.ALLOWED_JAR_DIRS + "=" + installation.samplesDir(),
                "-cp", cli.resolve("magnetar-cli.jar") + java.io.File.pathSeparator + cli.resolve("lib") + "/*",
                "dev.magnetar.controlplane.ControlPlane"));
        ControlPlaneProcess plane = new ControlPlaneProcess(ChildJvm.start(command, dir.resolve("control-plane.log")),
                "http://127.0.0.1:" + port, extra.adminToken());
        plane.awaitListening(dir);
        return plane;
    }

    /** A port free on this machine now, for the next control plane to listen on. */
    public static int freePort() throws IOException {
        return GatewaySides.freePort();
    }

    private static String recording(Path file) {
        return "-XX:StartFlightRecording:settings=profile,dumponexit=true,filename=" + file;
    }

    /**
     * The replicas' default JVM options plus {@code extra}, one indexed property each: the recording option has commas,
     * which a single comma-separated {@code magnetar.replicas.jvm-options} would split.
     */
    static List<String> replicaOptionsWith(String extra) {
        List<String> options = new java.util.ArrayList<>(List.of(ReplicaConfig.DEFAULT_JVM_OPTIONS.split(",")));
        options.add(extra);
        List<String> properties = new java.util.ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            properties.add("-Dmagnetar.replicas.jvm-options[" + i + "]=" + options.get(i));
        }
        return properties;
    }

    public String url() {
        return url;
    }

    public long pid() {
        return jvm.pid();
    }

    /** The replica the control plane started (its only child process once one function with one replica runs). */
    public long replicaPid() {
        return ProcessHandle.of(jvm.pid()).stream().flatMap(ProcessHandle::children).mapToLong(ProcessHandle::pid)
                .findFirst().orElseThrow(() -> new IllegalStateException("the control plane runs no replica process"));
    }

    /** Creates (or replaces) a function from a Function document and waits until its replicas are ready. */
    public void deploy(String tenant, String namespace, String name, String yaml, int replicas) throws IOException {
        String path = functionPath(tenant, namespace, name);
        HttpResponse<String> created = send(request(path)
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build());
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("creating " + name + " answered " + created.statusCode() + ": " + created.body());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = send(request(path + "/status").GET().build()).body();
            if (ReadyCount.of(status) >= replicas) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT_SECONDS + " s; last status " + status);
    }

    /** The function's status answer as JSON: instances, backlog and, for an autoscaled function, the autoscaler's view. */
    public String status(String tenant, String namespace, String name) throws IOException {
        HttpResponse<String> status = send(request(functionPath(tenant, namespace, name) + "/status").GET().build());
        if (status.statusCode() != 200) {
            throw new IllegalStateException("the status of " + name + " answered " + status.statusCode() + ": "
                    + status.body());
        }
        return status.body();
    }

    /** Deletes a function; the control plane stops its replicas. */
    public void delete(String tenant, String namespace, String name) throws IOException {
        HttpResponse<String> deleted = send(request(functionPath(tenant, namespace, name)).DELETE().build());
        if (deleted.statusCode() / 100 != 2) {
            throw new IllegalStateException("deleting " + name + " answered " + deleted.statusCode() + ": "
                    + deleted.body());
        }
    }

    private String functionPath(String tenant, String namespace, String name) {
        return url + "/magnetar/v1/functions/" + tenant + "/" + namespace + "/" + name;
    }

    private void awaitListening(Path dir) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline && jvm.isAlive()) {
            try {
                send(request(url + "/magnetar/v1/functions/public/default").GET().build());
                return;
            } catch (IOException e) {
                sleep(250);
            }
        }
        throw new IllegalStateException("the control plane did not listen on " + url + " within " + READY_TIMEOUT_SECONDS
                + " s (alive: " + jvm.isAlive() + "); see " + dir.resolve("control-plane.log"));
    }

    private HttpRequest.Builder request(String uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri));
        return adminToken == null ? request : request.header("Authorization", "Bearer " + adminToken);
    }

    /** Sends {@code request} as it is (a gateway call carries no admin token); an interruption is an IOException. */
    public HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Waits {@code millis} between two looks at a control plane; an interruption ends the wait early, flagged. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        jvm.close();
    }
}
