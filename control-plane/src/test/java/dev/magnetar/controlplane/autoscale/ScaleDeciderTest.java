package dev.magnetar.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ScaleDeciderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** min 1, max 10, 100 backlog and 2 in flight per replica, CPU 50%, no windows, zero after 60 s. */
    private static ScalingPolicy policy(int min, int max, int upSeconds, int downSeconds) {
        return new ScalingPolicy(min, max, 100, 2, 50, Duration.ofSeconds(60), Duration.ofSeconds(upSeconds),
                Duration.ofSeconds(downSeconds), ScalingPolicy.Engine.MAGNETAR);
    }

    private static Observation seen(Long backlog, int inFlight, int waiting, Double cpu) {
        return new Observation(backlog, 0, 0, inFlight, waiting, cpu, false);
    }

    static Stream<Arguments> singleDecisions() {
        return Stream.of(
                // min, max, current, backlog, inFlight, waiting, cpu -> desired
                Arguments.of("backlog over target scales up to backlog / target", 1, 10, 1, 450L, 0, 0, null, 5),
                Arguments.of("backlog far over target is capped at max", 1, 10, 1, 50_000L, 0, 0, null, 10),
                Arguments.of("a backlog that fits changes nothing", 1, 10, 3, 300L, 0, 0, null, 3),
                Arguments.of("in-flight work over target scales up", 1, 10, 1, 0L, 7, 0, null, 4),
                Arguments.of("gateway calls waiting count as work in progress", 1, 10, 1, 0L, 1, 9, null, 5),
                Arguments.of("CPU within 10% of target changes nothing", 1, 10, 4, 0L, 0, 0, 54.0, 4),
                Arguments.of("CPU over target scales by its ratio", 1, 10, 4, 0L, 0, 0, 75.0, 6),
                Arguments.of("no load goes to min", 2, 10, 6, 0L, 0, 0, null, 2),
                Arguments.of("unknown backlog never scales down", 1, 10, 6, null, 0, 0, null, 6),
                Arguments.of("unknown backlog still scales up on work in progress", 1, 10, 1, null, 8, 0, null, 4),
                Arguments.of("below min is brought up to min", 3, 10, 1, 0L, 0, 0, null, 3),
                Arguments.of("above max is brought down to max", 1, 4, 9, 50_000L, 0, 0, null, 4),
                Arguments.of("a message at zero wakes one replica", 0, 10, 0, 1L, 0, 0, null, 1),
                Arguments.of("a burst at zero goes straight to what it needs", 0, 10, 0, 700L, 0, 0, null, 7),
                Arguments.of("nothing at zero stays at zero", 0, 10, 0, 0L, 0, 0, null, 0),
                Arguments.of("min 0 keeps one replica until idle long enough", 0, 10, 3, 0L, 0, 0, null, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleDecisions")
    void decidesFromOneObservation(String name, int min, int max, int current, Long backlog, int inFlight, int waiting,
                                   Double cpu, int desired) {
        ScaleDecision decision = ScaleDecider.decide(policy(min, max, 0, 0), current,
                seen(backlog, inFlight, waiting, cpu), ScalingHistory.startingAt(T0), T0.plusSeconds(1));

        assertThat(decision.desired()).as(decision.reason()).isEqualTo(desired);
        assertThat(decision.changes()).isEqualTo(desired != current);
    }

    @Test
    void aGatewayCallWakesAFunctionAtZeroWithNoBacklogYet() {
        ScaleDecision decision = ScaleDecider.decide(policy(0, 10, 0, 0), 0, Observation.idle().withWoken(true),
                ScalingHistory.startingAt(T0), T0.plusSeconds(600));

        assertThat(decision.desired()).isEqualTo(1);
        assertThat(decision.reason()).startsWith("woken from zero");
    }

    @Test
    void scalesToZeroOnlyAfterTheIdleTimeWithNothingInBetween() {
        ScalingPolicy policy = policy(0, 10, 0, 0);
        Run run = new Run(policy, 1);

        run.at(0, seen(5L, 1, 0, null)).expect(1);
        run.at(1, Observation.idle()).expect(1);
        run.at(59, Observation.idle()).expect(1);
        ScaleDecision zero = run.at(61, Observation.idle()).expect(0);
        assertThat(zero.reason()).isEqualTo("idle for 61 s (no backlog, nothing in flight, no gateway call): scaling to zero");

        Run busy = new Run(policy, 1);
        busy.at(0, seen(5L, 0, 0, null)).expect(1);
        busy.at(40, seen(0L, 1, 0, null)).expect(1);
        busy.at(90, Observation.idle()).expect(1);
        busy.at(100, Observation.idle()).expect(0);
    }

    @Test
    void aScaleDownFollowsTheHighestRecommendationOfItsWindow() {
        Run run = new Run(policy(1, 10, 0, 30), 1);

        run.at(0, seen(800L, 0, 0, null)).expect(8);
        run.at(10, seen(300L, 0, 0, null)).expect(8);
        ScaleDecision held = run.at(20, seen(0L, 0, 0, null)).expect(8);
        assertThat(held.reason()).contains("holding for the 30 s scale-down window");
        run.at(31, seen(0L, 0, 0, null)).expect(3);
        run.at(41, seen(0L, 0, 0, null)).expect(1);
    }

    @Test
    void aScaleUpFollowsTheLowestRecommendationOfItsWindowUnlessItIsABurst() {
        Run run = new Run(policy(1, 10, 20, 0), 4);

        run.at(0, seen(400L, 0, 0, null)).expect(4);
        run.at(5, seen(600L, 0, 0, null)).expect(4);
        run.at(21, seen(600L, 0, 0, null)).expect(6);
        ScaleDecision burst = run.at(22, seen(2_000L, 0, 0, null)).expect(10);
        assertThat(burst.reason()).contains("capped at maxReplicas 10").contains("a burst: no scale-up window");
    }

    @Test
    void theReasonNamesWhatWasSeen() {
        ScaleDecision decision = ScaleDecider.decide(policy(1, 10, 0, 0), 1, seen(450L, 1, 3, null),
                ScalingHistory.startingAt(T0), T0);

        assertThat(decision.reason()).isEqualTo("backlog 450 (target 100 per replica), 3 in flight (target 2 per"
                + " replica), 3 gateway calls waiting ask for 5");
    }

    /**
     * Replicas that take 100 msg/s each at 2 in flight (the target): a steady 210 msg/s is 70% of 3 replicas. The
     * backlog stays near 0 and the work in flight alone (about 4) asks for 2; the rate keeps 3, look after look, with
     * no window to hide a flap.
     */
    @Test
    void aSteadyRateHoldsTheReplicasThatKeepUpWithIt() {
        Run run = new Run(policy(1, 10, 0, 0), 3);
        int[] inFlight = {4, 5, 4, 3, 4, 5, 3, 4};
        double[] rates = {210, 230, 200, 190, 215, 225, 195, 210};

        for (int second = 0; second < 300; second++) {
            int i = second % rates.length;
            ScaleDecision held = run.at(second, steady(rates[i], inFlight[i])).expect(3);
            if (second == 299) {
                assertThat(held.reason()).contains("msg/s in (a replica keeps up with").contains("target 80% of it)");
            }
        }
    }

    @Test
    void withoutTheRateTheSameLoadDriftsDown() {
        Run run = new Run(policy(1, 10, 0, 0), 3);

        run.at(0, seen(2L, 4, 0, null)).expect(2);
    }

    @Test
    void aDropInTheRateScalesDownAfterTheScaleDownWindow() {
        Run run = new Run(policy(1, 10, 0, 30), 3);
        for (int second = 0; second < 30; second++) {
            run.at(second, steady(210, 4)).expect(3);
        }

        run.at(30, steady(60, 1)).expect(3);
        run.at(45, steady(60, 1)).expect(3);
        run.at(61, steady(60, 1)).expect(1);
    }

    @Test
    void aRiseInTheRateScalesUpBeforeABacklogBuilds() {
        Run run = new Run(policy(1, 10, 0, 0), 3);
        for (int second = 0; second < 30; second++) {
            run.at(second, steady(210, 4)).expect(3);
        }

        // 400 msg/s arrive; the 3 replicas still take 300 of them, 6 in flight: a backlog of 100 is no reason yet.
        ScaleDecision up = run.at(30, new Observation(100L, 400, 300, 6, 0, null, true)).expect(5);
        assertThat(up.reason()).contains("400 msg/s in");
    }

    @Test
    void whatSaturatedReplicasTakeIsTheirThroughputWhenNothingIsSeenInFlight() {
        Run run = new Run(policy(1, 10, 0, 0), 4);
        // A burst: 4 replicas drain 400 msg/s with a backlog of 2,000 waiting, too fast for a look to see one in flight.
        run.at(0, new Observation(2_000L, 0, 400, 0, 0, null, true)).expect(10);
        run.current = 4;

        // Then a steady 250 msg/s, kept up with: 250 / (100 × 80%) asks for 4.
        run.at(1, new Observation(1L, 250, 250, 0, 0, null, true)).expect(4);
        run.at(2, new Observation(0L, 250, 250, 0, 0, null, true)).expect(4);
    }

    @Test
    void messagesWaitingInsideSaturatedReplicasAreNotTakenForSlowWork() {
        Run run = new Run(policy(1, 10, 0, 0), 4);
        // Saturated: each replica holds 250 messages, most waiting for a free invocation, and takes 100 a second.
        run.at(0, new Observation(5_000L, 400, 400, 1_000, 0, null, true)).expect(10);
        run.current = 4;

        // Kept up with afterwards: 250 msg/s at 5 in flight is 100 a second per replica at 2 in flight, not 0.9.
        ScaleDecision steady = run.at(1, steady(250, 5)).expect(4);
        assertThat(steady.reason()).contains("a replica keeps up with 100,");
    }

    @Test
    void aReplicaThatDoesNotAnswerTeachesNothing() {
        Run run = new Run(policy(1, 10, 0, 0), 3);
        // 2 of 3 replicas answer with 1 in flight at 210 msg/s: taken for all, it would make a replica 420 msg/s fast.
        ScaleDecision decision = run.at(0, new Observation(0L, 210, 210, 1, 0, null, true, 1)).expect(1);

        assertThat(decision.history().throughput()).isEqualTo(Throughput.NONE);
        assertThat(decision.reason()).contains("1 in flight (1 replica unheard)");
    }

    @Test
    void noRateDataDecidesAsTheOtherTargetsSay() {
        Run run = new Run(policy(1, 10, 0, 0), 3);
        for (int second = 0; second < 30; second++) {
            run.at(second, steady(210, 4)).expect(3);
        }

        run.at(30, seen(0L, 4, 0, null)).expect(2);
    }

    /** Traffic kept up with: as much delivered as arrives, a backlog of 2 (the receiver queues). */
    private static Observation steady(double rate, int inFlight) {
        return new Observation(2L, rate, rate, inFlight, 0, null, true);
    }

    /** Successive decisions, each starting from the last one's count and history. */
    private static final class Run {
        private final ScalingPolicy policy;
        private int current;
        private ScalingHistory history = ScalingHistory.startingAt(T0);
        private ScaleDecision last;

        Run(ScalingPolicy policy, int current) {
            this.policy = policy;
            this.current = current;
        }

        Run at(int second, Observation seen) {
            last = ScaleDecider.decide(policy, current, seen, history, T0.plusSeconds(second));
            history = last.history();
            current = last.desired();
            return this;
        }

        ScaleDecision expect(int replicas) {
            assertThat(last.desired()).as(last.reason()).isEqualTo(replicas);
            return last;
        }
    }
}
