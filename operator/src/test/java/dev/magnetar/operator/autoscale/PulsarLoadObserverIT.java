package dev.magnetar.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.load.SubscriptionLoads;
import dev.magnetar.bridge.provision.PulsarTopicProvisioner;
import dev.magnetar.controlplane.autoscale.Observation;
import dev.magnetar.operator.testing.TestFunctions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;

/** The autoscaler's view of Pulsar, on the embedded broker: what it sees of a provisioned function and of a missing one. */
class PulsarLoadObserverIT {

    @Test
    void seesTheBacklogOfEachFunctionsSubscriptionAndNothingOfOneWhoseTopicIsMissing() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        String input = pulsar.uniqueTopic("observed");
        AutoscaledFunction waiting = autoscaled("observed", input, 0);
        new PulsarTopicProvisioner(pulsar.admin(), false).ensure(waiting.resolved());
        try (Producer<byte[]> producer = pulsar.client().newProducer().topic(input).create()) {
            for (int i = 0; i < 30; i++) {
                producer.send(("m" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        AutoscaledFunction missing = autoscaled("missing", pulsar.uniqueTopic("never-created"), 1);
        PulsarLoadObserver observer = new PulsarLoadObserver(new SubscriptionLoads(pulsar.admin(),
                SubscriptionLoads.Settings.DEFAULT, Clock.systemUTC()), Clock.systemUTC());

        // The broker's stats may be a moment old: they show all 30 within their refresh interval.
        await().atMost(Duration.ofSeconds(15)).until(() ->
                Long.valueOf(30).equals(observer.observe(List.of(waiting)).get(waiting.key()).backlog()));
        Map<String, Observation> seen = observer.observe(List.of(waiting, missing));

        assertThat(seen.get(waiting.key()).backlog()).isEqualTo(30);
        assertThat(seen.get(waiting.key()).active()).isTrue();
        assertThat(seen.get(missing.key()).backlog()).as("unknown, not idle").isNull();
    }

    private static AutoscaledFunction autoscaled(String name, String input, int recorded) {
        Function function = TestFunctions.function(name);
        function.getSpec().setInputs(List.of(input));
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 4, null, null, null, null, null, null, null));
        return new AutoscaledFunction(function, ResolvedFunction.of(function), ScalingPolicy.of(function).orElseThrow(),
                recorded);
    }
}
