package dev.magnetar.operator.apiserver;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real kube-apiserver (with etcd) started by fabric8 kube-api-test in offline mode, for the ITs
 * that need what the CRUD mock cannot do. Its binaries are {@link KubeBinaries#API_SERVER}, built
 * when missing (about 15 minutes on 2 cores with a cold Go cache, 20 s with a warm one) unless
 * {@code -Dmagnetar.kube.build=false} asks the ITs to skip instead.
 */
public final class KubeApiTestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeApiTestServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final KubeAPIServer server;

    private KubeApiTestServer(KubeAPIServer server) {
        this.server = server;
    }

    /** Why the binaries are not there after building them was tried (or switched off); empty when they are. */
    public static Optional<String> missingBinaries() {
        return KubeBinaries.missing(KubeBinaries.API_SERVER);
    }

    /** Starts an API server on loopback; call {@link #missingBinaries()} first. */
    public static KubeApiTestServer start() {
        waitUntilNoMidnightWithin(STARTUP_TIMEOUT.multipliedBy(2), LocalTime::now);
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(KubeBinaries.testDir().toString())
                .withApiServerVersion(KubeBinaries.pinnedVersion())
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
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml())).build();
    }

    /** A kubeconfig of a {@code system:masters} user, for the processes of {@link KubeControlPlane}. */
    String kubeConfigYaml() {
        return server.getKubeConfigYaml();
    }

    /** Applies the chart's Function CRD and waits until the server serves it. */
    public static CustomResourceDefinition installFunctionCrd(KubernetesClient client) throws IOException {
        return installCrd(client, KubeBinaries.home().resolve("charts/magnetar/crds/functions.magnetar.dev-v1.yml"));
    }

    /** Applies KEDA's ScaledObject CRD ({@link KubeBinaries#missingKedaCrd()} first) and waits until it is served. */
    public static CustomResourceDefinition installKedaScaledObjectCrd(KubernetesClient client) throws IOException {
        return installCrd(client, KubeBinaries.dir().resolve(KubeBinaries.KEDA_SCALED_OBJECT_CRD));
    }

    private static CustomResourceDefinition installCrd(KubernetesClient client, Path file) throws IOException {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(file)) {
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
}
