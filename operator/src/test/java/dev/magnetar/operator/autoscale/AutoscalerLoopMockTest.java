package dev.magnetar.operator.autoscale;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.FunctionEvents;
import dev.magnetar.operator.reconciler.FunctionReconciler;
import dev.magnetar.operator.reconciler.PartOutcome;
import dev.magnetar.operator.testing.FakeLoadObserver;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.MutableClock;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of Magnetar's autoscaler on Kubernetes, ticked by hand against the CRUD mock server with loads the test
 * sets: the count goes through the Function's scale subresource, each change is recorded once, a count written by
 * hand is put back, and a tick that changes nothing writes nothing.
 */
@EnableKubernetesMockClient(crud = true)
class AutoscalerLoopMockTest {
    private static final String SCALE = "/apis/magnetar.dev/v1alpha1/namespaces/" + NAMESPACE + "/functions/exclaim/scale";

    KubernetesMockServer server;
    KubernetesClient client;
    FakeLoadObserver loads;
    MutableClock clock;
    SimpleMeterRegistry registry;
    AutoscalerLoop loop;
    FunctionReconciler reconciler;

    @BeforeEach
    void setUp() {
        loads = new FakeLoadObserver();
        clock = new MutableClock();
        registry = new SimpleMeterRegistry();
        loop = new AutoscalerLoop(() -> client.resources(Function.class).inAnyNamespace().list().getItems(), loads,
                new FunctionScaler(client, new FunctionEvents(client, clock)), registry, clock, Duration.ofSeconds(1));
        reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new FakeTopicProvisioner()), clock);
    }

    @Test
    void aRisingBacklogScalesUpThroughTheScaleSubresourceAndIsRecordedOnce() throws InterruptedException {
        Function function = autoscaled(1, 10, 0);
        function.getSpec().setReplicas(1);
        create(function);
        loads.backlog(NAMESPACE, "exclaim", 450L);
        drainRequests();

        tick();

        assertThat(drainRequests()).contains("PUT " + SCALE);
        Function scaled = get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(5);
        assertThat(scaled.getStatus().getDesiredReplicas()).isEqualTo(5);
        assertThat(scaled.getStatus().getBacklog()).isEqualTo(450);
        assertThat(scaled.getStatus().getLastScale().from()).isEqualTo(1);
        assertThat(scaled.getStatus().getLastScale().to()).isEqualTo(5);
        assertThat(scaled.getStatus().getLastScale().reason()).contains("backlog 450");
        assertThat(scaled.getStatus().getLastScale().time()).isEqualTo(clock.instant().toString());
        Condition autoscaler = condition(scaled, "Autoscaler");
        assertThat(autoscaler.getReason()).isEqualTo(PartOutcome.SCALED);
        assertThat(autoscaler.getMessage()).startsWith("from 1 to 5 replicas: backlog 450");
        assertThat(scalingEvents()).singleElement().satisfies(event -> {
            assertThat(event.getReason()).isEqualTo("ScaledUp");
            assertThat(event.getType()).isEqualTo("Normal");
        });
        assertThat(registry.get(AutoscalerMetrics.DECISIONS).tags("direction", "up", "function", "public/default/exclaim")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(AutoscalerMetrics.DESIRED).gauge().value()).isEqualTo(5);

        reconcile();
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get().getSpec().getReplicas())
                .as("the reconciler sizes the Deployment from the Function").isEqualTo(5);
        assertThat(condition(get(), "Autoscaler").getMessage()).as("a reconcile keeps the autoscaler's report")
                .isEqualTo(autoscaler.getMessage());
    }

    @Test
    void aFunctionWithoutACountGetsItsFirstOneOnTheResource() throws InterruptedException {
        create(autoscaled(2, 10, 0));
        drainRequests();

        tick();

        // The API server shows no scale of a Function without spec.replicas: the first count is a patch.
        assertThat(drainRequests()).contains("PATCH /apis/magnetar.dev/v1alpha1/namespaces/" + NAMESPACE
                + "/functions/exclaim").doesNotContain("PUT " + SCALE);
        assertThat(get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aTickThatChangesNothingWritesNothing() throws InterruptedException {
        create(autoscaled(1, 10, 0));
        loads.backlog(NAMESPACE, "exclaim", 450L);
        tick();
        reconcile();
        drainRequests();

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            tick();
        }

        assertThat(drainRequests()).isNotEmpty().allMatch(request -> request.startsWith("GET "));
        assertThat(scalingEvents()).hasSize(1);
        assertThat(registry.get(AutoscalerMetrics.DECISIONS).counter().count()).isEqualTo(1);
    }

    @Test
    void aCountScaledByHandIsPutBackAtTheNextTick() {
        create(autoscaled(1, 10, 0));
        loads.backlog(NAMESPACE, "exclaim", 300L);
        tick();
        assertThat(get().getSpec().getReplicas()).isEqualTo(3);

        client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").scale(9); // kubectl scale mfn
        clock.advance(Duration.ofSeconds(1));
        tick();

        assertThat(get().getSpec().getReplicas()).isEqualTo(3);
        assertThat(get().getStatus().getLastScale().to()).as("no decision of its own: the last one stands").isEqualTo(3);
        assertThat(scalingEvents()).hasSize(1);
    }

    @Test
    void anIdleFunctionGoesToZeroAfterItsIdleTimeAndAMessageWakesIt() {
        create(autoscaled(0, 4, 30));
        tick();
        assertThat(get().getSpec().getReplicas()).as("a new function counts as active when first seen").isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        tick();
        assertThat(get().getSpec().getReplicas()).isZero();
        assertThat(get().getStatus().getLastScale().reason()).contains("scaling to zero");

        loads.backlog(NAMESPACE, "exclaim", 1L);
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertThat(get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(get().getStatus().getLastScale().reason()).startsWith("woken from zero");
        assertThat(scalingEvents()).extracting(Event::getReason).containsExactlyInAnyOrder("ScaledDown", "ScaledUp");
    }

    @Test
    void withoutAReadingOfTheBacklogItNeverScalesDown() {
        Function function = autoscaled(1, 10, 0);
        function.getSpec().setReplicas(6);
        create(function);
        loads.backlog(NAMESPACE, "exclaim", null);

        clock.advance(Duration.ofMinutes(5));
        tick();

        assertThat(get().getSpec().getReplicas()).isEqualTo(6);
    }

    @Test
    void functionsWithAFixedCountOrKedaOrAnInvalidSpecAreLeftAlone() throws InterruptedException {
        Function fixed = TestFunctions.function("exclaim");
        fixed.getSpec().setReplicas(2);
        create(fixed);
        Function keda = TestFunctions.function("keda");
        keda.getSpec().setAutoscaling(new AutoscalingSpec(0, 4, null, null, null, null, null, null, "keda"));
        client.resource(keda).create();
        Function invalid = TestFunctions.function("invalid");
        invalid.getSpec().setAutoscaling(new AutoscalingSpec(0, 4, null, null, null, null, null, null, null));
        invalid.getSpec().setInputs(List.of());
        client.resource(invalid).create();
        for (String name : List.of("exclaim", "keda", "invalid")) {
            loads.backlog(NAMESPACE, name, 10_000L);
        }
        drainRequests();

        tick();
        tick();

        assertThat(drainRequests()).allMatch(request -> request.startsWith("GET "));
    }

    @Test
    void aStatusWriteThatMeetsANewerVersionIsMadeAtTheNextTick() {
        create(autoscaled(1, 10, 0));
        server.expect().put().withPath("/apis/magnetar.dev/v1alpha1/namespaces/" + NAMESPACE + "/functions/exclaim/status")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("the object has been modified").build()).once();
        loads.backlog(NAMESPACE, "exclaim", 200L);

        tick();
        assertThat(get().getSpec().getReplicas()).as("the count does not wait for the status").isEqualTo(2);
        assertThat(get().getStatus() == null ? null : get().getStatus().getLastScale()).isNull();

        clock.advance(Duration.ofSeconds(1));
        tick();

        assertThat(get().getStatus().getLastScale().to()).isEqualTo(2);
        assertThat(get().getStatus().getLastScale().time()).as("the decision's time, not the retry's")
                .isEqualTo(clock.instant().minusSeconds(1).toString());
        assertThat(scalingEvents()).hasSize(1);
    }

    private static Function autoscaled(int min, int max, int idleSeconds) {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setAutoscaling(new AutoscalingSpec(min, max, 100L, null, null, idleSeconds, 0, 0, null));
        return function;
    }

    private void create(Function function) {
        client.resource(function).create();
    }

    private void tick() {
        loop.tick();
    }

    private void reconcile() {
        reconciler.reconcile(get());
    }

    private Function get() {
        return client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
    }

    private List<Event> scalingEvents() {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(event -> event.getReason().startsWith("Scaled")).toList();
    }

    private static Condition condition(Function function, String type) {
        return function.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + function.getStatus().getConditions()));
    }

    /** "METHOD path" of every request the mock server received since the last call. */
    private List<String> drainRequests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        var request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        while (request != null) {
            requests.add(request.getMethod() + " " + request.getPath());
            request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        }
        return requests;
    }
}
