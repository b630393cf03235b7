package dev.magnetar.operator.apiserver;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real kube-apiserver (with etcd) started by fabric8 kube-api-test in offline mode, for the ITs
 * that need what the CRUD mock cannot do. The binaries are built from the Go module proxy by
 * {@code operator/src/test/kube/build-kube-binaries.sh} into
 * {@code ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-<os>-<arch>/}; when they are missing
 * the script runs first (about 15 minutes on 2 cores with a cold Go cache, 20 s with a warm one),
 * unless {@code -Dmagnetar.kube.build=false} (or {@code MAGNETAR_KUBE_BUILD=false}) asks the ITs
 * to skip instead.
 */
public final class KubeApiTestServer implements AutoCloseable {
    private static final String BUILD_PROPERTY = "magnetar.kube.build";
    private static final String BUILD_VARIABLE = "MAGNETAR_KUBE_BUILD";
    private static final long BUILD_TIMEOUT_MINUTES = 60;
    private static final Logger LOG = LoggerFactory.getLogger(KubeApiTestServer.class);
    private static final Object BUILD_LOCK = new Object();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final KubeAPIServer server;

    private KubeApiTestServer(KubeAPIServer server) {
        this.server = server;
    }

    /** Why the binaries are not there after building them was tried (or switched off); empty when they are. */
    public static Optional<String> missingBinaries() {
        Path home = home();
        Path script = script(home);
        Path binaries = binariesDir();
        synchronized (BUILD_LOCK) {
            if (!binariesPresent(binaries) && buildRequested()) {
                build(script);
            }
        }
        if (binariesPresent(binaries)) {
            return Optional.empty();
        }
        String reason = "kube-apiserver, etcd and kubectl v" + pinnedVersion() + " are not in " + binaries
                + ": build them with `bash " + home.relativize(script) + "` (pinned versions, Go module proxy;"
                + " about 15 minutes on 2 cores), or run without -D" + BUILD_PROPERTY + "=false";
        LOG.warn("Skipping: {}", reason);
        return Optional.of(reason);
    }

    /** Starts an API server on loopback; call {@link #missingBinaries()} first. */
    public static KubeApiTestServer start() {
        waitUntilNoMidnightWithin(STARTUP_TIMEOUT.multipliedBy(2), LocalTime::now);
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(kubeApiTestDir().toString())
                .withApiServerVersion(pinnedVersion())
                .withOfflineMode(true)
                .withStartupTimeout((int) STARTUP_TIMEOUT.toMillis())
                .withApiServerFlag("--bind-address", "127.0.0.1") // loopback only (etcd's flags are kube-api-test's)
                .build());
        server.start();
        return new KubeApiTestServer(server);
    }

    /**
     * kube-api-test 7.5.2 times its readiness polls with {@code LocalTime} ({@code now.isAfter(start +
     * timeout)}), which wraps at midnight: a start less than the timeout before midnight fails on its
     * first poll with "did not start properly". So when midnight falls inside {@code window} (etcd's
     * wait, then the API server's), wait until it has passed.
     */
    static void waitUntilNoMidnightWithin(Duration window, Supplier<LocalTime> clock) {
        Duration untilMidnight = untilMidnight(clock.get());
        if (untilMidnight.compareTo(window) >= 0) {
            return;
        }
        Duration pause = untilMidnight.plusSeconds(1);
        LOG.info("Waiting {} s for midnight to pass: kube-api-test's start-up timeout wraps at midnight", pause.toSeconds());
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for midnight to pass", e);
        }
    }

    static Duration untilMidnight(LocalTime now) {
        return Duration.ofNanos(LocalTime.MAX.toNanoOfDay() - now.toNanoOfDay() + 1);
    }

    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    }

    /** Applies the chart's Function CRD and waits until the server serves it. */
    public static CustomResourceDefinition installFunctionCrd(KubernetesClient client) throws IOException {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(home().resolve("charts/magnetar/crds/functions.magnetar.dev-v1.yml"))) {
            crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        }
        client.resource(crd).fieldManager("magnetar-it").forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(KubeApiTestServer::established, 60, TimeUnit.SECONDS);
        return crd;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Path home() {
        return Path.of(System.getProperty("magnetar.home", "..")).toAbsolutePath().normalize();
    }

    private static Path script(Path home) {
        return home.resolve("operator/src/test/kube/build-kube-binaries.sh");
    }

    /** The script is the one place that pins the Kubernetes version. */
    static String pinnedVersion() {
        Path script = script(home());
        try {
            Matcher matcher = Pattern.compile("(?m)^K8S_VERSION=([0-9.]+)").matcher(Files.readString(script));
            if (!matcher.find()) {
                throw new IllegalStateException("no K8S_VERSION= line in " + script);
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where kube-api-test reads its binaries and writes its certificates: as its own default. */
    private static Path kubeApiTestDir() {
        String dir = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
        return dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
    }

    private static Path binariesDir() {
        return kubeApiTestDir().resolve("k8s").resolve(pinnedVersion() + platformSuffix());
    }

    /** kube-api-test's directory suffix for this platform, as the build script writes it. */
    private static String platformSuffix() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = switch (System.getProperty("os.arch").toLowerCase()) {
            case "aarch64" -> "arm64";
            case "ppc64" -> "ppc64le";
            default -> "amd64";
        };
        return "-" + (os.contains("mac") ? "darwin" : os) + "-" + arch;
    }

    private static boolean binariesPresent(Path dir) {
        return Files.isExecutable(dir.resolve("kube-apiserver")) && Files.isExecutable(dir.resolve("etcd"))
                && Files.isExecutable(dir.resolve("kubectl"));
    }

    private static boolean buildRequested() {
        return !"false".equalsIgnoreCase(System.getProperty(BUILD_PROPERTY, System.getenv(BUILD_VARIABLE)));
    }

    private static void build(Path script) {
        LOG.info("Building the missing kube-apiserver/etcd/kubectl with {}", script);
        try {
            Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            // Through the logger, not inheritIO(): the forked test JVM's stdout is Surefire's channel.
            Thread pump = new Thread(() -> {
                try (BufferedReader output = process.inputReader()) {
                    output.lines().forEach(line -> LOG.info("{}", line));
                } catch (IOException | UncheckedIOException e) {
                    LOG.warn("Lost the output of {}", script, e);
                }
            }, "build-kube-binaries");
            pump.setDaemon(true);
            pump.start();
            if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + BUILD_TIMEOUT_MINUTES + " minutes");
            }
            pump.join(TimeUnit.SECONDS.toMillis(5));
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed with exit code " + process.exitValue()
                        + " (its output is logged above)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building with " + script, e);
        }
    }
}
