package dev.magnetar.operator.apiserver;

import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes binaries of the real-API-server and real-control-plane tests. They are built from the Go module
 * proxy by {@code operator/src/test/kube/build-kube-binaries.sh} into
 * {@code ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-<os>-<arch>/}, where fabric8 kube-api-test reads them
 * in offline mode. When some are missing the script runs first (it builds only those), unless
 * {@code -Dmagnetar.kube.build=false} (or {@code MAGNETAR_KUBE_BUILD=false}) asks the ITs to skip instead.
 */
public final class KubeBinaries {
    /** What kube-api-test starts (kubectl is its readiness probe). */
    public static final List<String> API_SERVER = List.of("etcd", "kube-apiserver", "kubectl");
    /** What {@link KubeControlPlane} starts next to the API server. */
    public static final List<String> CONTROL_PLANE = List.of("etcd", "kube-apiserver", "kubectl",
            "kube-controller-manager", "kube-scheduler", "kwok");
    /** KEDA's ScaledObject CRD (a file, not a binary), which the script takes out of KEDA's Go module. */
    public static final String KEDA_SCALED_OBJECT_CRD = "crds/keda.sh_scaledobjects.yaml";

    private static final String BUILD_PROPERTY = "magnetar.kube.build";
    private static final String BUILD_VARIABLE = "MAGNETAR_KUBE_BUILD";
    private static final long BUILD_TIMEOUT_MINUTES = 60;
    private static final Logger LOG = LoggerFactory.getLogger(KubeBinaries.class);
    private static final Object BUILD_LOCK = new Object();

    private KubeBinaries() {
    }

    /** Why {@code names} are not there after building them was tried (or switched off); empty when they are. */
    public static Optional<String> missing(List<String> names) {
        Path script = script();
        synchronized (BUILD_LOCK) {
            if (!present(names) && buildRequested()) {
                build(script);
            }
        }
        if (present(names)) {
            return Optional.empty();
        }
        String reason = String.join(", ", names) + " (Kubernetes v" + pinnedVersion() + ") are not all in " + dir()
                + ": build them with `bash " + home().relativize(script) + "` (pinned versions, Go module proxy;"
                + " about 20 minutes on 2 cores the first time), or run without -D" + BUILD_PROPERTY + "=false";
        LOG.warn("Skipping: {}", reason);
        return Optional.of(reason);
    }

    /**
     * Why KEDA's ScaledObject CRD is not there after fetching it was tried (or switched off); empty when it is. A
     * fetch that fails (no module proxy) is a reason to skip, not an error: only the tests of KEDA's objects need it.
     */
    public static Optional<String> missingKedaCrd() {
        try {
            return missing(List.of(KEDA_SCALED_OBJECT_CRD));
        } catch (IllegalStateException e) {
            LOG.warn("Skipping: KEDA's ScaledObject CRD could not be fetched: {}", e.getMessage());
            return Optional.of("KEDA's ScaledObject CRD could not be fetched: " + e.getMessage());
        }
    }

    /** Where the binaries are: kube-api-test's directory for the pinned version and this platform. */
    public static Path dir() {
        return testDir().resolve("k8s").resolve(pinnedVersion() + platformSuffix());
    }

    /** Where kube-api-test reads its binaries and writes its certificates and keys: as its own default. */
    public static Path testDir() {
        String dir = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
        return dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
    }

    /** A file of the source tree ({@code magnetar.home}, the repository root). */
    static Path home() {
        return Path.of(System.getProperty("magnetar.home", "..")).toAbsolutePath().normalize();
    }

    /** The script is the one place that pins the Kubernetes version. */
    static String pinnedVersion() {
        Path script = script();
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

    private static Path script() {
        return home().resolve("operator/src/test/kube/build-kube-binaries.sh");
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

    private static boolean present(List<String> names) {
        Path dir = dir();
        return names.stream().allMatch(name -> name.endsWith(".yaml") ? Files.isRegularFile(dir.resolve(name))
                : Files.isExecutable(dir.resolve(name)));
    }

    private static boolean buildRequested() {
        return !"false".equalsIgnoreCase(System.getProperty(BUILD_PROPERTY, System.getenv(BUILD_VARIABLE)));
    }

    private static void build(Path script) {
        LOG.info("Building the missing Kubernetes binaries with {}", script);
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
                process.descendants().forEach(ProcessHandle::destroyForcibly); // go and its compilers first
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
