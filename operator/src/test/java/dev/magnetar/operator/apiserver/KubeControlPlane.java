package dev.magnetar.operator.apiserver;

import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.PodOverlay;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane without a kubelet: the {@link KubeApiTestServer} (etcd, kube-apiserver), then
 * kube-controller-manager (Deployments get ReplicaSets, rollouts and their progress deadline, the scale
 * subresource, owner-reference garbage collection), kube-scheduler, and kwok playing one node and the kubelet's part
 * for its pods (they run nothing; kwok marks them Running and Ready). The Function CRD is installed before the
 * controllers start. Started once per test class; {@link #close()}
 * stops kwok, the scheduler and the controller-manager, then the API server, each waited for. Logs:
 * {@code target/kube-control-plane/<name>/}. kwok's stages are {@code operator/src/test/kube/kwok/stages.yaml}.
 *
 * <p>Pods run on the fake node with {@link #NODE_SELECTOR} and {@link #TOLERATION}; a pod labelled
 * {@link #NEVER_READY_LABEL}{@code =true} runs but never becomes ready, as one whose readiness probe keeps failing.
 */
public final class KubeControlPlane implements AutoCloseable {
    public static final String NODE = "kwok-node-0";
    public static final Map<String, String> NODE_SELECTOR = Map.of("type", "kwok");
    public static final Toleration TOLERATION = new TolerationBuilder().withKey("kwok.x-k8s.io/node")
            .withOperator("Equal").withValue("fake").withEffect("NoSchedule").build();
    public static final String NEVER_READY_LABEL = "kwok.magnetar.dev/never-ready";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(KubeControlPlane.class);

    private final KubeApiTestServer apiServer;
    private final List<KubeProcess> processes;
    private final Thread shutdownHook = new Thread(this::stop, "kube-control-plane-stop");

    private KubeControlPlane(KubeApiTestServer apiServer, List<KubeProcess> processes) {
        this.apiServer = apiServer;
        this.processes = processes;
    }

    /** Why the binaries are not there after building them was tried (or switched off); empty when they are. */
    public static Optional<String> missingBinaries() {
        return KubeBinaries.missing(KubeBinaries.CONTROL_PLANE);
    }

    /** Starts it and returns once the node is Ready and the controllers run; {@code name} names the log directory. */
    public static KubeControlPlane start(String name) {
        long started = System.nanoTime();
        Path logs = Path.of("target", "kube-control-plane", name).toAbsolutePath();
        KubeControlPlane controlPlane = new KubeControlPlane(KubeApiTestServer.start(), new ArrayList<>());
        long apiServerReady = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(controlPlane.shutdownHook); // no orphans should a test JVM exit early
        try {
            controlPlane.launch(logs);
        } catch (IOException e) {
            controlPlane.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            controlPlane.close();
            throw e;
        }
        LOG.info("Kubernetes control plane ready in {} ms (the API server in {} ms); logs in {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                Duration.ofNanos(apiServerReady - started).toMillis(), logs);
        return controlPlane;
    }

    /** The Function CRD, then the controller-manager, the scheduler and kwok; returns once they work. */
    private void launch(Path logs) throws IOException {
        Files.createDirectories(logs);
        Path kubeconfig = Files.writeString(logs.resolve("kubeconfig"), apiServer.kubeConfigYaml());
        try (KubernetesClient client = newClient()) {
            // Before the controllers, as in a cluster: the garbage collector looks for new kinds only every 30 s.
            KubeApiTestServer.installFunctionCrd(client);
        }
        processes.add(KubeProcess.start(binary("kube-controller-manager"), controllerManager(kubeconfig), logs));
        processes.add(KubeProcess.start(binary("kube-scheduler"),
                List.of("--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0"), logs));
        processes.add(KubeProcess.start(binary("kwok"), kwok(kubeconfig), logs));
        awaitReady();
    }

    public KubernetesClient newClient() {
        return apiServer.newClient();
    }

    /** A Function's pod overlay that puts its replicas on the fake node, with these pod labels (may be empty). */
    public static PodOverlay onFakeNode(Map<String, String> podLabels) {
        return new PodOverlay(podLabels.isEmpty() ? null : podLabels, null, NODE_SELECTOR, List.of(TOLERATION), null);
    }

    /** Ready as the kubelet (here kwok) reports it, and not being deleted. */
    public static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook stops everything
        }
        stop();
    }

    /** The clients of the API server first, newest first; then the API server and etcd. */
    private void stop() {
        long started = System.nanoTime();
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        apiServer.close();
        LOG.info("Kubernetes control plane stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static List<String> controllerManager(Path kubeconfig) {
        String key = KubeBinaries.testDir().resolve("apiserver.key").toString(); // kube-api-test's CA and key
        String ca = KubeBinaries.testDir().resolve("apiserver.crt").toString();
        // kube-api-test's serving certificate is no CA: its ClusterTrustBundle publisher could only fail and retry.
        return List.of("--kubeconfig=" + kubeconfig,
                "--controllers=*,-kube-apiserver-serving-clustertrustbundle-publisher-controller", "--leader-elect=false",
                "--use-service-account-credentials=false", "--service-account-private-key-file=" + key,
                "--root-ca-file=" + ca, "--cluster-signing-cert-file=" + ca, "--cluster-signing-key-file=" + key,
                "--secure-port=0");
    }

    private static List<String> kwok(Path kubeconfig) {
        Path stages = KubeBinaries.home().resolve("operator/src/test/kube/kwok/stages.yaml");
        return List.of("--kubeconfig=" + kubeconfig, "--config=" + stages, "--manage-all-nodes=false",
                "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake", "--cidr=10.244.0.0/16",
                "--node-ip=10.1.0.1", "--server-address=127.0.0.1:" + freePort());
    }

    /** The fake node exists, is Ready and schedulable, and the controller-manager's controllers run. */
    private void awaitReady() {
        try (KubernetesClient client = newClient()) {
            client.resource(fakeNode()).create();
            await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                processes.forEach(KubeProcess::requireAlive);
                return schedulable(client.nodes().withName(NODE).get())
                        // made by the controller-manager's service-account controller
                        && client.serviceAccounts().inNamespace("default").withName("default").get() != null;
            });
        }
    }

    /** What kwok manages: its annotation, a label to select it, a taint that keeps other pods away. */
    private static Node fakeNode() {
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
                "pods", new Quantity("110"));
        return new NodeBuilder()
                .withNewMetadata().withName(NODE).addToAnnotations("kwok.x-k8s.io/node", "fake")
                .addToLabels(NODE_SELECTOR).addToLabels("kubernetes.io/hostname", NODE).endMetadata()
                .withNewSpec().addNewTaint().withKey(TOLERATION.getKey()).withValue(TOLERATION.getValue())
                .withEffect(TOLERATION.getEffect()).endTaint().endSpec()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity).endStatus()
                .build();
    }

    /** Ready, and the controller-manager has lifted the not-ready taint the API server put on the new node. */
    private static boolean schedulable(Node node) {
        return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                && (node.getSpec().getTaints() == null || node.getSpec().getTaints().stream()
                .allMatch(taint -> TOLERATION.getKey().equals(taint.getKey())));
    }

    private static Path binary(String name) {
        return KubeBinaries.dir().resolve(name);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
