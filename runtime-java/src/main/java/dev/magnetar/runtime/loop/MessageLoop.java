package dev.magnetar.runtime.loop;

import java.time.Duration;

/** What a replica runs on its subscription: {@link FunctionLoop}, or for a window function its window loop. */
public interface MessageLoop {
    void start();

    /**
     * Stops receiving and waits up to {@code grace} for the messages in hand; false when some were left, which go
     * back to the subscription when the consumer closes.
     */
    boolean stop(Duration grace) throws InterruptedException;

    /** Messages received and not yet acked or negatively acked. */
    int inFlight();
}
