package dev.magnetar.runtime.window;

import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.functions.api.Record;

/**
 * A message held in a window: its record (which acks or fails the message, once), and whether every window it was part
 * of has its result stored. It is settled when it leaves the window: acked once the last of those results is stored,
 * failed (redelivered) when one of them could not be computed or stored.
 */
final class WindowedRecord {
    /** Acks or fails the message, once (an {@link dev.magnetar.runtime.context.InvocationRecord} settled by the consumer). */
    private final Record<?> record;
    /** The result of the last window it was part of, as sent; null before any. */
    private volatile CompletableFuture<?> lastResult;
    private volatile boolean failed;

    WindowedRecord(Record<?> record) {
        this.record = record;
    }

    Record<?> record() {
        return record;
    }

    /** It was part of a window whose result is on its way. */
    void inWindow(CompletableFuture<?> result) {
        lastResult = result;
    }

    /** A window it was part of failed, or its result was not stored. */
    void failed() {
        failed = true;
    }

    /** It left the window: ack or fail it once what it is waiting for is done; {@code then} runs after. */
    void settle(Runnable then) {
        CompletableFuture<?> result = lastResult;
        if (result == null) {
            finish(null, then);
        } else {
            result.whenComplete((stored, error) -> finish(error, then));
        }
    }

    private void finish(Throwable error, Runnable then) {
        if (failed || error != null) {
            record.fail();
        } else {
            record.ack();
        }
        then.run();
    }
}
