package dev.magnetar.operator.autoscale;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.protocol.ReplicaStatusJson;
import dev.magnetar.api.protocol.ReplicaStatusReader;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.controlplane.autoscale.Observation;
import dev.magnetar.operator.reconciler.FunctionEvents;
import dev.magnetar.operator.resources.ChildMetadata;
import dev.magnetar.operator.testing.FakeLoadObserver;
import dev.magnetar.operator.testing.MutableClock;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The replicas' work in progress on Kubernetes: the pods are in the CRUD mock server, each ready one at IP 127.0.0.1
 * (where a real HTTP server plays the runtime) or at 127.0.0.2 (where nothing listens: a pod that does not answer).
 */
@EnableKubernetesMockClient(crud = true)
class ReplicaWorkObserverMockTest {
    private static final String ANSWERS = "127.0.0.1";
    private static final String SILENT = "127.0.0.2";

    KubernetesClient client;
    private HttpServer runtime;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    private final FakeLoadObserver pulsar = new FakeLoadObserver();
    private ReplicaWorkObserver observer;

    @BeforeEach
    void startRuntime() throws IOException {
        String token = TestFunctions.REPLICA_ACCESS.tokenFor("public/default/exclaim");
        runtime = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ANSWERS), 0), 0);
        runtime.createContext(ReplicaStatusReport.PATH, exchange -> {
            String presented = exchange.getRequestHeaders().getFirst("Authorization");
            asked.add(presented);
            boolean opened = ("Bearer " + token).equals(presented);
            // 10 taken, 7 finished: 3 in flight.
            byte[] body = opened ? ReplicaStatusJson.write(new ReplicaStatusReport(0, 10, 6, 1, 0, null, 0, List.of(),
                    List.of(), new ReplicaStatusReport.Window(0, 0, 0, 0, null))).getBytes(StandardCharsets.UTF_8)
                    : new byte[1];
            exchange.sendResponseHeaders(opened ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        runtime.start();
        // A generous timeout: a cold HTTP client on a loaded machine is slow at first, and that is not what is tested.
        observer = new ReplicaWorkObserver(pulsar, client, TestFunctions.REPLICA_ACCESS, runtime.getAddress().getPort(),
                new ReplicaStatusReader(Duration.ofSeconds(10)));
    }

    @AfterEach
    void stopRuntime() {
        runtime.stop(0);
    }

    @Test
    void everyReadyPodIsAskedAtItsIpAndOneThatDoesNotAnswerIsUnheard() {
        Function exclaim = autoscaled("exclaim");
        pulsar.backlog(NAMESPACE, "exclaim", 0L);
        client.resource(pod("fn-exclaim-a", exclaim, ANSWERS, true)).create();
        client.resource(pod("fn-exclaim-b", exclaim, ANSWERS, true)).create();
        client.resource(pod("fn-exclaim-starting", exclaim, ANSWERS, false)).create();
        client.resource(pod("fn-exclaim-silent", exclaim, SILENT, true)).create();
        client.resource(pod("fn-other-a", autoscaled("other"), ANSWERS, true)).create();

        Observation seen = observer.observe(List.of(watched(exclaim, 4))).get(NAMESPACE + "/exclaim");

        assertThat(seen.inFlight()).as("3 in each of the two pods that answered").isEqualTo(6);
        assertThat(seen.unheard()).as("the pod at an address where nothing answers").isEqualTo(1);
        assertThat(seen.backlog()).as("Pulsar's view is kept").isZero();
        assertThat(asked).as("only the function's own token, of ready pods").containsExactly(
                "Bearer " + TestFunctions.REPLICA_ACCESS.tokenFor("public/default/exclaim"));
    }

    @Test
    void aPodThatDoesNotAnswerIsLoggedWhenItStopsAndWhenItAnswersAgainNotAtEveryLook() {
        Function exclaim = autoscaled("exclaim");
        client.resource(pod("fn-exclaim-a", exclaim, SILENT, true)).create();
        Logger logger = (Logger) LoggerFactory.getLogger(ReplicaWorkObserver.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            for (int look = 0; look < 3; look++) {
                assertThat(observer.observe(List.of(watched(exclaim, 1))).get(NAMESPACE + "/exclaim").unheard())
                        .isEqualTo(1);
            }
            client.resource(pod("fn-exclaim-a", exclaim, ANSWERS, true)).update();
            Observation answered = observer.observe(List.of(watched(exclaim, 1))).get(NAMESPACE + "/exclaim");

            assertThat(answered.unheard()).isZero();
            assertThat(answered.inFlight()).isEqualTo(3);
            assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
            assertThat(logged.list.get(0).getFormattedMessage()).contains(NAMESPACE + "/fn-exclaim-a")
                    .contains("counts as unknown");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aFunctionAtZeroReplicasHasNoPodToAsk() {
        Function exclaim = autoscaled("exclaim");
        exclaim.getSpec().setAutoscaling(new AutoscalingSpec(0, 10, 100L, 2, null, 60, 0, 0, null));
        client.resource(pod("fn-exclaim-a", exclaim, ANSWERS, true)).create(); // still going

        Observation seen = observer.observe(List.of(watched(exclaim, 0))).get(NAMESPACE + "/exclaim");

        assertThat(seen.inFlight()).isZero();
        assertThat(asked).isEmpty();
    }

    @Test
    void theWorkInFlightScalesTheFunctionThroughTheSameDecider() {
        Function exclaim = autoscaled("exclaim");
        exclaim.getSpec().setReplicas(2);
        client.resource(exclaim).create();
        pulsar.backlog(NAMESPACE, "exclaim", 0L);
        client.resource(pod("fn-exclaim-a", exclaim, ANSWERS, true)).create();
        client.resource(pod("fn-exclaim-b", exclaim, ANSWERS, true)).create();
        client.resource(pod("fn-exclaim-silent", exclaim, SILENT, true)).create();
        MutableClock clock = new MutableClock();
        AutoscalerLoop loop = new AutoscalerLoop(() -> client.resources(Function.class).inAnyNamespace().list().getItems(),
                observer, new FunctionScaler(client, new FunctionEvents(client, clock)), new SimpleMeterRegistry(), clock,
                Duration.ofSeconds(1));

        loop.tick();

        Function scaled = client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
        assertThat(scaled.getSpec().getReplicas()).as("6 in flight, 2 per replica").isEqualTo(3);
        assertThat(scaled.getStatus().getLastScale().reason()).contains("6 in flight (1 replica unheard)");
    }

    /** min 1, max 10, 2 in flight per replica, no windows. */
    private static Function autoscaled(String name) {
        Function function = TestFunctions.function(name);
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 10, 100L, 2, null, 60, 0, 0, null));
        return function;
    }

    private static AutoscaledFunction watched(Function function, int replicas) {
        return new AutoscaledFunction(function, ResolvedFunction.of(function), ScalingPolicy.of(function).orElseThrow(),
                replicas);
    }

    private static Pod pod(String name, Function function, String ip, boolean ready) {
        Map<String, String> labels = ChildMetadata.labels(ResolvedFunction.of(function));
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }
}
