package dev.magnetar.bridge.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionLoadsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final SubscriptionLoads.Settings SETTINGS =
            new SubscriptionLoads.Settings(Duration.ofSeconds(5), Duration.ofSeconds(1), 3, Duration.ofSeconds(1));

    private final FakeStatsSource pulsar = new FakeStatsSource();
    private final MutableClock clock = new MutableClock();
    private final SubscriptionLoads loads = new SubscriptionLoads(pulsar, SETTINGS, clock);

    @Test
    void withABrokerRefreshingItsStatsOftenOneCallCoversEverySubscription() {
        pulsar.statsPeriodSeconds = 1;
        pulsar.dump = dump("in-a", "s", 7);
        List<SubscriptionRef> wanted = List.of(ref("in-a"));

        for (int call = 0; call < 3; call++) {
            Loads read = loads.read(wanted);
            assertThat(read.get(ref("in-a"))).hasValueSatisfying(load -> {
                assertThat(load.backlog()).isEqualTo(7);
                assertThat(load.source()).isEqualTo(SubscriptionLoad.Source.SNAPSHOT);
            });
            assertThat(pulsar.drain()).containsExactly("dump");
            clock.advance(INTERVAL);
        }
    }

    @Test
    void withPulsarsDefaultPeriodTheDumpIsReadEveryQuarterPeriodAndSubscriptionsOneByOneWithinTheBudget() {
        List<SubscriptionRef> wanted = IntStream.range(0, 6).mapToObj(i -> ref("in-" + i)).toList();
        wanted.forEach(ref -> pulsar.topic(ref.topic(), "s", 10, 100, 90));

        Loads first = loads.read(wanted);
        assertThat(pulsar.drain()).as("the dump, then the budget's worth of topics")
                .containsExactly("dump", "topic " + topic("in-0"), "topic " + topic("in-1"), "topic " + topic("in-2"));
        assertThat(first.get(ref("in-0"))).hasValueSatisfying(load -> {
            assertThat(load.backlog()).isEqualTo(10);
            assertThat(load.source()).isEqualTo(SubscriptionLoad.Source.LIVE);
            assertThat(load.asOf()).isEqualTo(clock.instant());
        });
        assertThat(first.get(ref("in-5"))).as("not read yet, not in the dump: unknown").isEmpty();

        clock.advance(INTERVAL);
        loads.read(wanted);
        assertThat(pulsar.drain()).as("the dump cannot have changed yet; the others' turn")
                .containsExactly("topic " + topic("in-3"), "topic " + topic("in-4"), "topic " + topic("in-5"));

        clock.advance(INTERVAL);
        loads.read(wanted);
        assertThat(pulsar.drain()).as("every reading is younger than maxAge").isEmpty();

        clock.advance(Duration.ofSeconds(13));
        loads.read(wanted);
        assertThat(pulsar.drain()).as("15 s on: the dump again, and the oldest readings")
                .containsExactly("dump", "topic " + topic("in-0"), "topic " + topic("in-1"), "topic " + topic("in-2"));
    }

    @Test
    void urgentSubscriptionsGoFirstAndAreKeptFresher() {
        List<SubscriptionRef> wanted = IntStream.range(0, 5).mapToObj(i -> ref("in-" + i)).toList();
        wanted.forEach(ref -> pulsar.topic(ref.topic(), "s", 0, 0, 0));
        Set<SubscriptionRef> urgent = Set.of(ref("in-4"));

        loads.read(wanted, urgent);
        assertThat(pulsar.drain()).contains("topic " + topic("in-4")).hasSize(4);
        clock.advance(Duration.ofMillis(1500));
        loads.read(wanted, urgent);

        assertThat(pulsar.drain()).startsWith("topic " + topic("in-4"));
    }

    @Test
    void ratesComeFromTwoReadingsOfTheBrokersTotals() {
        pulsar.topic(topic("in-a"), "s", 5, 1_000, 900);
        loads.read(List.of(ref("in-a")));
        pulsar.topic(topic("in-a"), "s", 5, 1_060, 930);
        clock.advance(Duration.ofSeconds(6));

        SubscriptionLoad load = loads.read(List.of(ref("in-a"))).get(ref("in-a")).orElseThrow();

        assertThat(load.rateIn()).isCloseTo(10, within(1e-9));
        assertThat(load.rateOut()).isCloseTo(5, within(1e-9));
        assertThat(load.flowing()).isTrue();
    }

    @Test
    void aPartitionedTopicIsReadAsOneAndRememberedAsPartitioned() {
        pulsar.topic(topic("clicks"), "s", 12, 0, 0);
        pulsar.partitionedTopics.add(topic("clicks"));

        assertThat(loads.read(List.of(ref("clicks"))).get(ref("clicks"))).hasValueSatisfying(
                load -> assertThat(load.backlog()).isEqualTo(12));
        assertThat(pulsar.drain()).containsExactly("dump", "topic " + topic("clicks"), "partitioned " + topic("clicks"));

        clock.advance(Duration.ofSeconds(6));
        loads.read(List.of(ref("clicks")));
        assertThat(pulsar.drain()).containsExactly("partitioned " + topic("clicks"));
    }

    @Test
    void aRoleThatMayNotReadTheDumpReadsSubscriptionsOneByOne() {
        pulsar.dumpRefused = true;
        pulsar.topic(topic("in-a"), "s", 3, 0, 0);

        assertThat(loads.read(List.of(ref("in-a"))).get(ref("in-a"))).isPresent();
        clock.advance(Duration.ofSeconds(30));
        loads.read(List.of(ref("in-a")));

        assertThat(pulsar.drain()).containsExactly("dump", "topic " + topic("in-a"), "topic " + topic("in-a"));
    }

    @Test
    void aTopicThatCannotBeReadIsUnknownAndSpoilsNoOther() {
        pulsar.topic(topic("in-a"), "s", 3, 0, 0);
        pulsar.topic(topic("in-b"), "s", 4, 0, 0);
        pulsar.failing.add(topic("in-b"));

        Loads read = loads.read(List.of(ref("in-a"), ref("in-b")));

        assertThat(read.get(ref("in-a"))).isPresent();
        assertThat(read.get(ref("in-b"))).isEmpty();
        assertThat(read.sum(List.of(ref("in-a"), ref("in-b")))).as("a part is no total").isEmpty();
        assertThat(read.sum(List.of(ref("in-a")))).hasValueSatisfying(load -> assertThat(load.backlog()).isEqualTo(3));
    }

    @Test
    void aFunctionsLoadAddsItsInputsAndWhatItsPatternMatchesInTheSnapshot() {
        pulsar.statsPeriodSeconds = 1;
        pulsar.dump = """
                {"public/default": {"0x0_0xf": {"persistent": {
                  "persistent://public/default/in-a": {"msgRateIn": 1.0, "subscriptions": {"fn-sub": {"msgBacklog": 2}}},
                  "persistent://public/default/events-1": {"msgRateIn": 0.5, "subscriptions": {"fn-sub": {"msgBacklog": 30}}},
                  "persistent://public/default/events-2": {"subscriptions": {"other": {"msgBacklog": 500}}},
                  "persistent://public/default/audit": {"subscriptions": {"fn-sub": {"msgBacklog": 700}}}}}}}
                """;
        ResolvedFunction function = function(List.of("in-a"), "public/default/events-.*");

        Loads read = loads.read(SubscriptionRef.of(function));

        assertThat(read.forFunction(function)).hasValueSatisfying(load -> {
            assertThat(load.backlog()).isEqualTo(32);
            assertThat(load.rateIn()).isEqualTo(1.5);
        });
    }

    @Test
    void aPatternWithoutASnapshotIsUnknown() {
        pulsar.dumpRefused = true;
        ResolvedFunction function = function(List.of(), "public/default/events-.*");

        assertThat(loads.read(SubscriptionRef.of(function)).forFunction(function)).isEmpty();
    }

    private static ResolvedFunction function(List<String> inputs, String pattern) {
        FunctionSpec spec = new FunctionSpec();
        spec.setRuntime(new RuntimeSpec(null, "/app/f.jar", "com.example.Fn"));
        spec.setInputs(inputs);
        spec.setTopicsPattern(pattern);
        spec.setSubscription(new SubscriptionSpec("fn-sub", null, null));
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName("fn").build());
        function.setSpec(spec);
        return ResolvedFunction.of(function);
    }

    private static String dump(String topic, String subscription, long backlog) {
        return "{\"public/default\": {\"0x0_0xf\": {\"persistent\": {\"" + topic(topic)
                + "\": {\"subscriptions\": {\"" + subscription + "\": {\"msgBacklog\": " + backlog + "}}}}}}}";
    }

    private static SubscriptionRef ref(String name) {
        return new SubscriptionRef(topic(name), "s");
    }

    private static String topic(String name) {
        return "persistent://public/default/" + name;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
