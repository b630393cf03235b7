package dev.magnetar.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.functions.api.Record;
import org.junit.jupiter.api.Test;

/** A message is settled when it leaves its window: acked once its windows' results are stored, failed otherwise. */
class WindowedRecordTest {
    private final List<String> settled = new ArrayList<>();
    private final List<CompletableFuture<Void>> results = new ArrayList<>();
    private boolean nextWindowFails;

    private final class Message implements Record<String> {
        private final String value;

        Message(String value) {
            this.value = value;
        }

        @Override
        public String getValue() {
            return value;
        }

        @Override
        public void ack() {
            settled.add("ack " + value);
        }

        @Override
        public void fail() {
            settled.add("fail " + value);
        }
    }

    /** Settles as the executor does: results are sent when a window fires, messages settled when they expire. */
    private final WindowListener<WindowedRecord> executor = new WindowListener<>() {
        @Override
        public void onExpiry(List<Event<WindowedRecord>> expired) {
            expired.forEach(event -> event.value().settle(() -> { }));
        }

        @Override
        public void onActivation(List<Event<WindowedRecord>> window, List<Event<WindowedRecord>> fresh,
                                 List<Event<WindowedRecord>> expired, Long referenceTime) {
            if (nextWindowFails) {
                window.forEach(event -> event.value().failed());
                return;
            }
            CompletableFuture<Void> result = new CompletableFuture<>();
            results.add(result);
            window.forEach(event -> event.value().inWindow(result));
        }
    };

    private final WindowManager<WindowedRecord> manager = WindowManager.of(
            new WindowSpec(2, null, 2, null, null, null, null, null, null), executor, () -> 0L);

    private void add(String... values) {
        for (String value : values) {
            manager.add(new WindowedRecord(new Message(value)), 0);
        }
    }

    @Test
    void aMessageIsAckedWhenItLeavesItsWindowAndItsResultIsStored() {
        add("a", "b");
        assertThat(settled).as("in the window").isEmpty();
        add("c", "d");
        assertThat(settled).as("left, but the result of their window is not stored yet").isEmpty();

        results.get(0).complete(null);
        assertThat(settled).containsExactlyInAnyOrder("ack a", "ack b");
    }

    @Test
    void aStoredResultAloneAcksNothing() {
        add("a", "b");
        results.get(0).complete(null);
        assertThat(settled).as("still in the window").isEmpty();
    }

    @Test
    void aWindowWhoseResultWasNotStoredFailsItsMessagesWhenTheyLeave() {
        add("a", "b");
        results.get(0).completeExceptionally(new IllegalStateException("not stored"));
        add("c", "d");
        assertThat(settled).containsExactly("fail a", "fail b");
    }

    @Test
    void aWindowTheFunctionFailedOnFailsItsMessagesWhenTheyLeave() {
        nextWindowFails = true;
        add("a", "b");
        nextWindowFails = false;
        add("c", "d");
        assertThat(settled).containsExactly("fail a", "fail b");
    }
}
