package dev.magnetar.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window semantics of Pulsar's window executor, on a clock the test moves. */
class WindowManagerTest {
    private final AtomicLong clock = new AtomicLong();
    private final Recorder recorder = new Recorder();

    /** Each fired window and each expiry, as the values of their events. */
    private static final class Recorder implements WindowListener<String> {
        final List<List<String>> windows = new ArrayList<>();
        final List<List<String>> fresh = new ArrayList<>();
        final List<Long> ends = new ArrayList<>();
        final List<String> expired = new ArrayList<>();

        @Override
        public void onExpiry(List<Event<String>> events) {
            events.forEach(event -> expired.add(event.value()));
        }

        @Override
        public void onActivation(List<Event<String>> window, List<Event<String>> newEvents,
                                 List<Event<String>> expiredEvents, Long referenceTime) {
            windows.add(window.stream().map(Event::value).toList());
            fresh.add(newEvents.stream().map(Event::value).toList());
            ends.add(referenceTime);
        }
    }

    private WindowManager<String> manager(WindowSpec window) {
        return WindowManager.of(window, recorder, clock::get);
    }

    private static WindowSpec count(int length, int sliding) {
        return new WindowSpec(length, null, sliding, null, null, null, null, null, null);
    }

    private static WindowSpec time(long length, long sliding) {
        return new WindowSpec(null, length, null, sliding, null, null, null, null, null);
    }

    private static WindowSpec eventTime(Integer lengthCount, Long lengthMs, Integer slidingCount, Long slidingMs) {
        return new WindowSpec(lengthCount, lengthMs, slidingCount, slidingMs, null, 0L, 1000L, "Ts", null);
    }

    private void addAt(WindowManager<String> manager, long time, String... values) {
        clock.set(time);
        for (String value : values) {
            manager.add(value, time);
        }
    }

    @Test
    void countTumblingFiresEveryNAndExpiresAWindowWhenTheNextFires() {
        WindowManager<String> manager = manager(count(3, 3));

        addAt(manager, 1, "a", "b");
        assertThat(recorder.windows).isEmpty();
        addAt(manager, 2, "c");
        assertThat(recorder.windows).containsExactly(List.of("a", "b", "c"));
        assertThat(recorder.expired).as("still held: they leave when the next window fires").isEmpty();
        assertThat(manager.size()).isEqualTo(3);

        addAt(manager, 3, "d", "e", "f");
        assertThat(recorder.windows).containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"));
        assertThat(recorder.expired).containsExactly("a", "b", "c");
        assertThat(manager.size()).isEqualTo(3);
    }

    @Test
    void countSlidingKeepsTheLastLengthEventsEverySlidingInterval() {
        WindowManager<String> manager = manager(count(4, 2));

        addAt(manager, 1, "a", "b");
        addAt(manager, 2, "c", "d");
        addAt(manager, 3, "e", "f");

        assertThat(recorder.windows).containsExactly(List.of("a", "b"), List.of("a", "b", "c", "d"),
                List.of("c", "d", "e", "f"));
        assertThat(recorder.fresh).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
        assertThat(recorder.expired).containsExactly("a", "b");
    }

    @Test
    void timeTumblingFiresEveryLengthOnTheClock() {
        WindowManager<String> manager = manager(time(1_000, 1_000));
        addAt(manager, 100, "a");
        addAt(manager, 500, "b");
        addAt(manager, 900, "c");
        clock.set(1_000);
        manager.onTime();
        assertThat(recorder.windows).containsExactly(List.of("a", "b", "c"));
        assertThat(recorder.ends).containsExactly(999L);

        addAt(manager, 1_200, "d");
        addAt(manager, 1_800, "e");
        clock.set(2_000);
        manager.onTime();
        assertThat(recorder.windows).last().isEqualTo(List.of("d", "e"));
        assertThat(recorder.expired).containsExactly("a", "b", "c");
    }

    @Test
    void timeSlidingOverlapsAndExpiresWhatIsOlderThanTheLength() {
        WindowManager<String> manager = manager(time(1_000, 500));
        addAt(manager, 100, "a");
        addAt(manager, 400, "b");
        clock.set(500);
        manager.onTime();
        addAt(manager, 700, "c");
        clock.set(1_000);
        manager.onTime();
        addAt(manager, 1_200, "d");
        clock.set(1_500);
        manager.onTime();

        assertThat(recorder.windows).containsExactly(List.of("a", "b"), List.of("a", "b", "c"), List.of("c", "d"));
        assertThat(recorder.expired).containsExactly("a", "b");
    }

    @Test
    void anEmptyTimeWindowDoesNotFire() {
        WindowManager<String> manager = manager(time(1_000, 1_000));
        clock.set(1_000);
        manager.onTime();
        assertThat(recorder.windows).isEmpty();
    }

    @Test
    void eventTimeWindowsFireWhenTheWatermarkPassesTheirEnd() {
        WindowManager<String> manager = manager(eventTime(null, 1_000L, null, 1_000L));
        WatermarkGenerator watermarks = new WatermarkGenerator(0, 1);
        assertThat(watermarks.track("in", 1_000)).isTrue();
        manager.add("a", 1_000);
        assertThat(watermarks.track("in", 1_500)).isTrue();
        manager.add("b", 1_500);

        manager.onWatermark(watermarks.next().orElseThrow());
        assertThat(recorder.windows).as("(0, 1000] is closed; b waits for its window").containsExactly(List.of("a"));
        assertThat(recorder.ends).containsExactly(1_000L);

        assertThat(watermarks.track("in", 1_200)).as("behind the watermark: late").isFalse();
        assertThat(watermarks.track("in", 2_500)).isTrue();
        manager.add("c", 2_500);
        manager.onWatermark(watermarks.next().orElseThrow());
        assertThat(recorder.windows).containsExactly(List.of("a"), List.of("b"));
        assertThat(recorder.expired).containsExactly("a");
        assertThat(watermarks.next()).as("no new event time, no new watermark").isEmpty();
    }

    @Test
    void maxLagLetsAnEventThatFarBehindStillCount() {
        WatermarkGenerator watermarks = new WatermarkGenerator(500, 1);
        watermarks.track("in", 1_000);
        assertThat(watermarks.next()).hasValue(500);
        assertThat(watermarks.track("in", 700)).isTrue();
        assertThat(watermarks.track("in", 400)).isFalse();
    }

    @Test
    void theWatermarkWaitsForEveryInputTopic() {
        WatermarkGenerator watermarks = new WatermarkGenerator(0, 2);
        watermarks.track("one", 1_000);
        assertThat(watermarks.next()).isEmpty();
        watermarks.track("two", 800);
        assertThat(watermarks.next()).hasValue(800);
    }

    @Test
    void eventTimeCountWindowsFireEverySlidingCountUpToTheWatermark() {
        WindowManager<String> manager = manager(eventTime(2, null, 2, null));
        manager.add("a", 10);
        manager.add("b", 20);
        manager.add("c", 30);
        manager.add("d", 40);

        manager.onWatermark(35);
        assertThat(recorder.windows).containsExactly(List.of("a", "b"));
        manager.onWatermark(45);
        assertThat(recorder.windows).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(recorder.expired).containsExactly("a", "b");
    }

    @Test
    void eventsThatLeaveWithoutATriggerAreExpiredByCompaction() {
        WindowManager<String> manager = manager(time(1_000, 1_000));
        for (int i = 0; i < WindowManager.COMPACT_EVERY; i++) {
            addAt(manager, i, "e" + i);
        }
        assertThat(recorder.expired).as("on the clock, nothing is older than the length yet").isEmpty();
        clock.set(10_000);
        for (int i = 0; i < WindowManager.COMPACT_EVERY; i++) {
            manager.add("late" + i, 10_000);
        }
        assertThat(recorder.expired).hasSize(WindowManager.COMPACT_EVERY).first().isEqualTo("e0");
        assertThat(recorder.windows).as("no trigger fired").isEmpty();
    }
}
