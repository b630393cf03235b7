package dev.magnetar.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KeySequencerTest {
    private final KeySequencer sequencer = new KeySequencer();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private CompletableFuture<Void> task(String name, CompletableFuture<Void> finish) {
        return sequencer.submit(name.substring(0, 1), () -> {
            events.add("start " + name);
            return finish.thenRun(() -> events.add("end " + name));
        });
    }

    @Test
    void runsTheSameKeyOneAfterAnother() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> a1 = task("a1", first);
        CompletableFuture<Void> a2 = task("a2", second);
        assertThat(events).containsExactly("start a1");
        first.complete(null);
        assertThat(events).containsExactly("start a1", "end a1", "start a2");
        second.complete(null);
        assertThat(a1).isDone();
        assertThat(a2).succeedsWithin(Duration.ofSeconds(1));
        assertThat(sequencer.activeKeys()).isZero();
    }

    @Test
    void runsDifferentKeysSideBySide() {
        CompletableFuture<Void> slow = new CompletableFuture<>();
        task("a1", slow);
        task("b1", new CompletableFuture<>());
        assertThat(events).containsExactly("start a1", "start b1");
        assertThat(sequencer.activeKeys()).isEqualTo(2);
    }

    @Test
    void aFailedTaskDoesNotBlockItsKey() {
        CompletableFuture<Void> failing = new CompletableFuture<>();
        task("a1", failing);
        CompletableFuture<Void> a2 = task("a2", CompletableFuture.completedFuture(null));
        failing.completeExceptionally(new IllegalStateException("x"));
        assertThat(a2).succeedsWithin(Duration.ofSeconds(1));
        assertThat(events).contains("start a2", "end a2");
    }
}
