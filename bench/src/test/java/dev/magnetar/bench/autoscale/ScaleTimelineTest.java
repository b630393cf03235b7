package dev.magnetar.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTimelineTest {
    private static final long ORIGIN = 5_000_000_000L;

    @Test
    void timesAreSecondsSinceTheOrigin() {
        ScaleTimeline timeline = ScaleTimeline.of(List.of(polled(-0.05, 1, 1, 1, 0), polled(0.25, 1, 1, 1, 900)), ORIGIN);

        assertThat(timeline.samples()).extracting(ScaleTimeline.Sample::seconds)
                .satisfiesExactly(t -> assertThat(t).isCloseTo(-0.05, within(1e-9)),
                        t -> assertThat(t).isCloseTo(0.25, within(1e-9)));
    }

    @Test
    void theReactionIsTheFirstAnswerWantingOrRunningMoreThanTheStart() {
        ScaleTimeline timeline = ScaleTimeline.of(List.of(polled(0.0, 1, 1, 1, 0), polled(0.5, 1, 1, 1, 8_000),
                polled(1.05, 4, 1, 1, 20_000), polled(1.1, 4, 2, 1, 21_000), polled(2.9, 4, 4, 4, 15_000)), ORIGIN);

        assertThat(timeline.reactionSeconds(1)).hasValueCloseTo(1.05, within(1e-9));
        assertThat(timeline.readySeconds(4)).hasValueCloseTo(2.9, within(1e-9));
        assertThat(timeline.peakInstances()).isEqualTo(4);
    }

    @Test
    void anAnswerBeforeTheOriginIsNoReaction() {
        ScaleTimeline timeline = ScaleTimeline.of(List.of(polled(-0.1, 2, 2, 2, 0), polled(0.1, 1, 1, 1, 0)), ORIGIN);

        assertThat(timeline.reactionSeconds(1)).isEmpty();
    }

    @Test
    void aFunctionThatNeverScaledHasNoReaction() {
        ScaleTimeline timeline = ScaleTimeline.of(List.of(polled(0.1, 1, 1, 1, 5_000)), ORIGIN);

        assertThat(timeline.reactionSeconds(1)).isEmpty();
        assertThat(timeline.readySeconds(4)).isEmpty();
    }

    @Test
    void pointsStartAtTheOrigin() {
        ScaleTimeline timeline = ScaleTimeline.of(List.of(polled(-0.1, 1, 1, 1, 0), polled(0.5, 3, 2, 1, 7_000)), ORIGIN);

        assertThat(timeline.points(ScaleStatus::backlog)).isDeepEqualTo(new double[][] {{0.5, 7_000}});
        assertThat(timeline.points(ScaleStatus::desiredReplicas)).isDeepEqualTo(new double[][] {{0.5, 3}});
    }

    private static ScaleTimeline.Polled polled(double seconds, int desired, int instances, int ready, long backlog) {
        return new ScaleTimeline.Polled(ORIGIN + Math.round(seconds * 1e9),
                new ScaleStatus(instances, instances, ready, backlog, desired, false, List.of()));
    }
}
