package dev.magnetar.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.replicas.ReplicaScaler;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutoscalerTest {
    private static final String FQFN = "public/default/fn";

    private final Function definition = FunctionDocuments.parse("""
            apiVersion: magnetar.dev/v1alpha1
            kind: Function
            metadata: {name: fn}
            spec:
              runtime: {className: a.B, jar: /x.jar}
              inputs: [in]
            """);
    private final FakeScaler scaler = new FakeScaler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayCalls calls = new GatewayCalls();
    private final AtomicInteger looks = new AtomicInteger();
    private volatile Observation load = Observation.idle();
    private Autoscaler autoscaler;

    @AfterEach
    void close() {
        if (autoscaler != null) {
            autoscaler.close();
        }
    }

    private Autoscaler autoscaler(int min, int max) {
        definition.getSpec().setAutoscaling(new AutoscalingSpec(min, max, 10L, null, null, 60, null, 0, null));
        scaler.policy = ScalingPolicy.of(definition).orElseThrow();
        scaler.replicas.put(FQFN, min);
        LoadObserver loads = functions -> {
            looks.incrementAndGet();
            return Map.of(FQFN, load);
        };
        autoscaler = new Autoscaler(scaler, loads, calls, new ScaleMetrics(registry),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofHours(1));
        return autoscaler;
    }

    @Test
    void aLookScalesToWhatTheLoadNeedsAndRecordsWhy() {
        autoscaler(1, 5);
        load = new Observation(35L, 0, 0, 0, 0, null, false);

        autoscaler.look();

        assertThat(scaler.replicas).containsEntry(FQFN, 4);
        var view = autoscaler.view(definition).orElseThrow();
        assertThat(view.desiredReplicas()).isEqualTo(4);
        assertThat(view.lastScale().from()).isEqualTo(1);
        assertThat(view.lastScale().reason()).startsWith("backlog 35 (target 10 per replica)");
        assertThat(registry.get("magnetar.autoscaler.decisions").tags("function", FQFN, "direction", "up").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("magnetar.subscription.backlog").tags("function", FQFN).gauge().value()).isEqualTo(35);
    }

    @Test
    void nothingChangesWhenTheLoadFits() {
        autoscaler(2, 5);
        load = new Observation(15L, 0, 0, 0, 0, null, false);

        autoscaler.look();
        autoscaler.look();

        assertThat(scaler.scales).hasValue(0);
        assertThat(autoscaler.view(definition).orElseThrow().lastScale()).isNull();
    }

    @Test
    void aGatewayCallWakesAFunctionAtZeroWithoutWaitingForALook() {
        autoscaler(0, 3).start();

        calls.sent(FQFN);

        await().until(() -> scaler.replicas.get(FQFN) == 1);
        assertThat(looks).as("no load was read: the call alone wakes it").hasValue(0);
        assertThat(autoscaler.view(definition).orElseThrow().lastScale().reason()).startsWith("woken from zero")
                .contains("1 gateway call waiting");
    }

    @Test
    void aFunctionNoLongerAutoscaledLosesItsGauges() {
        autoscaler(1, 5);
        load = new Observation(35L, 0, 0, 0, 0, null, false);
        autoscaler.look();

        scaler.replicas.clear();
        autoscaler.look();

        assertThat(registry.find("magnetar.autoscaler.desired.replicas").gauges()).isEmpty();
    }

    private static final class FakeScaler implements ReplicaScaler {
        final Map<String, Integer> replicas = new ConcurrentHashMap<>();
        final AtomicInteger scales = new AtomicInteger();
        ScalingPolicy policy;
        final Function function = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: fn}
                spec:
                  runtime: {className: a.B, jar: /x.jar}
                  inputs: [in]
                """);

        @Override
        public List<Autoscaled> autoscaled() {
            return replicas.entrySet().stream()
                    .map(entry -> new Autoscaled(ResolvedFunction.of(function), policy, entry.getValue())).toList();
        }

        @Override
        public void scaleTo(String fqfn, int count) {
            scales.incrementAndGet();
            replicas.put(fqfn, count);
        }
    }
}
