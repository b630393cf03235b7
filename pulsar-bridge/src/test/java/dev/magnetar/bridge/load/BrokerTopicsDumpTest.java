package dev.magnetar.bridge.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On {@code broker-stats-topics.json}: the dump the embedded broker (Pulsar 4.2.4) answered, topic names shortened. */
class BrokerTopicsDumpTest {
    private static final String ORDERS = "persistent://public/default/orders";
    private static final String CLICKS = "persistent://public/default/clicks";

    @Test
    void readsEachSubscriptionsBacklogRatesAndUnackedMessages() {
        Map<SubscriptionRef, Reading> readings = BrokerTopicsDump.parse(captured());

        Reading idle = readings.get(new SubscriptionRef(ORDERS, "sub"));
        assertThat(idle.backlog()).isEqualTo(50);
        assertThat(idle.rateIn()).isCloseTo(0.956, within(1e-9));
        assertThat(idle.rateOut()).isZero();
        assertThat(idle.unacked()).isZero();
        Reading consumed = readings.get(new SubscriptionRef(ORDERS, "sub2"));
        assertThat(consumed.backlog()).as("delivered but not acknowledged still counts").isEqualTo(50);
        assertThat(consumed.rateOut()).isCloseTo(0.958, within(1e-9));
        assertThat(consumed.unacked()).isEqualTo(50);
        assertThat(consumed.inCounter()).as("the dump has no per-subscription totals").isEqualTo(Reading.NO_COUNTER);
    }

    @Test
    void sumsThePartitionsOfATopicUnderItsName() {
        Map<SubscriptionRef, Reading> readings = BrokerTopicsDump.parse(captured());

        Reading clicks = readings.get(new SubscriptionRef(CLICKS, "psub"));
        assertThat(clicks.backlog()).isEqualTo(26 + 24);
        assertThat(clicks.rateIn()).isCloseTo(0.497 + 0.459, within(1e-9));
        assertThat(readings).doesNotContainKey(new SubscriptionRef(CLICKS + "-partition-0", "psub"));
    }

    @Test
    void anEmptyDumpHasNoSubscriptions() {
        // What the broker answers until its first stats update, 60 s after it started by default.
        assertThat(BrokerTopicsDump.parse("{}")).isEmpty();
    }

    @Test
    void skipsNonPersistentTopicsAndFieldsItDoesNotKnow() {
        String json = """
                {"t/n": {"0x00000000_0xffffffff": {
                  "non-persistent": {"non-persistent://t/n/replies": {"subscriptions": {"s": {"msgBacklog": 9}}}},
                  "persistent": {"persistent://t/n/in": {
                    "future": {"nested": [1, {"msgBacklog": 99}]},
                    "msgRateIn": 2.5,
                    "subscriptions": {"s": {"type": "Shared", "consumers": [{"unackedMessages": 7}], "msgBacklog": 3,
                                            "isDurable": true}}}}}}}
                """;

        Map<SubscriptionRef, Reading> readings = BrokerTopicsDump.parse(json);

        assertThat(readings).containsOnlyKeys(new SubscriptionRef("persistent://t/n/in", "s"));
        Reading reading = readings.get(new SubscriptionRef("persistent://t/n/in", "s"));
        assertThat(reading.backlog()).isEqualTo(3);
        assertThat(reading.rateIn()).isEqualTo(2.5);
        assertThat(reading.unacked()).as("the consumers' own counts are not the subscription's").isZero();
    }

    @Test
    void somethingElseThanTheDumpIsAnError() {
        assertThatThrownBy(() -> BrokerTopicsDump.parse("[]")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not the JSON expected");
    }

    private static String captured() {
        try (InputStream in = BrokerTopicsDumpTest.class.getResourceAsStream("broker-stats-topics.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
