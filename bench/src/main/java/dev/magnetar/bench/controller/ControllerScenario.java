package dev.magnetar.bench.controller;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.Scenario;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.FunctionReconciler;
import dev.magnetar.operator.reconciler.ReconcileLoop;
import dev.magnetar.operator.resources.RuntimeSettings;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * "controller": N Function resources (default 1,000) created at once against fabric8's CRUD mock API server with
 * the real reconcile loop running; time until every Deployment and Service exists; API writes during one
 * steady-state resync (nothing changed, so the target is 0); and the reconcile loop's retained heap per 1,000
 * resources after a full GC. The Pulsar side is counted, not performed (see {@link RecordingTopicProvisioner}).
 */
public final class ControllerScenario implements Scenario {
    public static final String NAME = "controller";
    static final String NAMESPACE = "bench";
    static final Duration RESYNC = Duration.ofSeconds(15);
    static final long CHILDREN_TIMEOUT_SECONDS = 600;
    static final int CREATORS = 8;
    /** Held so the level sticks: the mock server logs every request at INFO, thousands of lines per run. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        int functions = context.functions();
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            RecordingTopicProvisioner pulsar = new RecordingTopicProvisioner();
            RuntimeSettings settings = new RuntimeSettings("magnetar/runtime-java:bench", "pulsar://pulsar:6650",
                    RuntimeSettings.DEFAULT_HTTP_PORT, RuntimeSettings.DEFAULT_ROLLOUT_DEADLINE);
            long heapBefore = heapAfterFullGc();
            ReconcileLoop loop = new ReconcileLoop(client, new FunctionReconciler(client, settings, ReplicaAccess.random(),
                    new PulsarTopics(pulsar), Clock.systemUTC()), List.of(NAMESPACE), RESYNC);
            loop.start();
            ApiRequests.drain(server);
            long start = System.nanoTime();
            createAll(client, functions);
            double createSeconds = (System.nanoTime() - start) / 1e9;
            double childrenSeconds = awaitChildren(client, functions, start);
            System.out.printf("[controller] %,d functions created in %.1f s, every Deployment and Service after %.1f s%n",
                    functions, createSeconds, childrenSeconds);
            Map<String, Integer> creation = ApiRequests.drain(server);
            // Steady state: nothing changes; a resync re-delivers every Function to the reconciler.
            Thread.sleep(RESYNC.toMillis() + RESYNC.toMillis() / 2);
            Map<String, Integer> resync = ApiRequests.drain(server);
            long heapWithLoop = heapAfterFullGc();
            loop.close();
            long heapWithoutLoop = heapAfterFullGc();
            ControllerResult result = new ControllerResult(functions, createSeconds, childrenSeconds, creation, resync,
                    heapBefore, heapWithLoop, heapWithoutLoop, pulsar.ensures());
            return result.outcome(NAME, settings(functions));
        } finally {
            server.destroy();
        }
    }

    private static Map<String, String> settings(int functions) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("functions", Integer.toString(functions));
        settings.put("apiServer", "fabric8 kubernetes-server-mock 7.5.2, CRUD mode, in the bench JVM");
        settings.put("creators", CREATORS + " threads creating Function resources");
        settings.put("resync", RESYNC.toSeconds() + " s; writes counted over 1.5 resync periods after every child exists");
        settings.put("pulsar", "not contacted: topic provisioning is counted only");
        settings.put("heap", "used heap after System.gc() (full GC with G1), reconcile loop running vs closed; the mock"
                + " server's own store stays in both");
        return settings;
    }

    private static void createAll(KubernetesClient client, int functions) throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < functions; i++) {
                Function function = function("fn-" + i);
                created.add(creators.submit(() -> client.resource(function).create()));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } finally {
            creators.shutdown();
        }
    }

    private static double awaitChildren(KubernetesClient client, int functions, long start) throws InterruptedException {
        long deadline = start + TimeUnit.SECONDS.toNanos(CHILDREN_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            int deployments = client.apps().deployments().inNamespace(NAMESPACE).list().getItems().size();
            int services = client.services().inNamespace(NAMESPACE).list().getItems().size();
            if (deployments >= functions && services >= functions) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not every Deployment and Service existed after " + CHILDREN_TIMEOUT_SECONDS + " s");
    }

    static Function function(String name) {
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        FunctionSpec spec = new FunctionSpec();
        spec.setRuntime(new RuntimeSpec(null, "/app/function.jar", "com.example.Exclaim"));
        spec.setInputs(List.of("persistent://public/default/in-" + name));
        spec.setOutput("persistent://public/default/out-" + name);
        function.setSpec(spec);
        return function;
    }

    private static long heapAfterFullGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
