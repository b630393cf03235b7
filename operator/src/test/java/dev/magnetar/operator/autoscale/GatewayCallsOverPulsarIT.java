package dev.magnetar.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.controlplane.autoscale.GatewayCallReports;
import dev.magnetar.controlplane.autoscale.GatewayCalls;
import dev.magnetar.controlplane.autoscale.Observation;
import dev.magnetar.operator.testing.TestFunctions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A gateway apart from the autoscaler reports its calls over the real broker: the leader hears of a call at once
 * (it looks without waiting for its interval), and counts the calls waiting while the gateway repeats them.
 */
class GatewayCallsOverPulsarIT {
    @Test
    void aCallAtTheGatewayReachesTheAutoscalerAsAWakeAndAWaitingCount() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        String namespace = "calls-" + UUID.randomUUID().toString().substring(0, 8);
        pulsar.admin().namespaces().createNamespace("public/" + namespace);
        Function function = TestFunctions.function("woken");
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 2, null, null, null, null, null, null, null));
        AutoscaledFunction autoscaled = new AutoscaledFunction(function, ResolvedFunction.of(function),
                ScalingPolicy.of(function).orElseThrow(), 0);
        String fqfn = autoscaled.resolved().fqfn();
        GatewayCallTally tally = new GatewayCallTally();
        AtomicInteger looks = new AtomicInteger();
        GatewayCalls calls = new GatewayCalls();
        LoadObserver unobserved = functions -> Map.of();
        GatewayAwareObserver observer = new GatewayAwareObserver(unobserved, tally, Clock.systemUTC());
        try (GatewayCallsReader reader = new GatewayCallsReader(pulsar.client(), "public", namespace, tally,
                looks::incrementAndGet, Clock.systemUTC());
             GatewayCallReports reports = new GatewayCallReports(pulsar.client(), "public", namespace, calls)) {
            reader.start();
            reports.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                calls.sent(fqfn);
                calls.ended(fqfn);
                assertThat(looks.get()).isPositive();
            });

            calls.sent(fqfn);
            calls.sent(fqfn);
            await().atMost(Duration.ofSeconds(30)).until(() -> tally.waiting(fqfn, Clock.systemUTC().instant()) == 2);
            Observation seen = observer.observe(List.of(autoscaled)).get(autoscaled.key());

            assertThat(seen.gatewayWaiting()).isEqualTo(2);
            assertThat(seen.woken()).as("a call arrived since the last look").isTrue();
            assertThat(seen.backlog()).as("Pulsar's reading is left as it was: unknown here").isNull();
        }
    }
}
