package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.JitterFunction;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * Key_Shared with many invocations in flight: messages of one key still come out in order,
 * although the function (0-3 ms of random work, concurrency 8) finishes them out of order.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class KeySharedOrderIT {
    private static final int KEYS = 8;
    private static final int PER_KEY = 150;

    @Test
    void keepsPerKeyOrderWithConcurrentInvocations(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("keyed-in");
        String out = pulsar.uniqueTopic("keyed-out");
        Function function = Definitions.define(Inputs.uniqueName("keyed"), JitterFunction.class, FixtureJar.path(), in, out);
        function.getSpec().setSubscription(new SubscriptionSpec(null, SubscriptionType.Key_Shared, null));
        function.getSpec().setConcurrency(KEYS);

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            for (int seq = 0; seq < PER_KEY; seq++) {
                for (int key = 0; key < KEYS; key++) {
                    producer.newMessage().key("k" + key).value("k" + key + ":" + seq).sendAsync();
                }
            }
            producer.flush();
            await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() == KEYS * PER_KEY);

            List<String> arrivals = output.inArrivalOrder();
            Map<String, Integer> lastSeq = new HashMap<>();
            for (String value : arrivals) {
                String key = value.substring(0, value.indexOf(':'));
                int seq = Integer.parseInt(value.substring(value.indexOf(':') + 1));
                assertThat(seq).as("order of key " + key).isGreaterThan(lastSeq.getOrDefault(key, -1));
                lastSeq.put(key, seq);
            }
            assertThat(lastSeq).hasSize(KEYS).allSatisfy((key, last) -> assertThat(last).isEqualTo(PER_KEY - 1));
        }
    }
}
