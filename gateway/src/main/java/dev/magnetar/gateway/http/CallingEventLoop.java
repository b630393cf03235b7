package dev.magnetar.gateway.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where a request's answer is finished: the Netty event loop that read the request. Replies arrive on the Pulsar
 * client's single listener thread; finishing each HTTP response there (Micronaut's response filters, encoding, then
 * a hand-off of the write to the connection's event loop) made that one thread the gateway's bottleneck under load.
 * Running the rest on the connection's own event loop spreads it over the server's event loops and writes without
 * a hand-off.
 */
public final class CallingEventLoop {
    private CallingEventLoop() {
    }

    /**
     * The event loop of the calling thread; off an event loop (a blocking executor, a test), the thread that
     * completes the reply runs the rest itself, as before.
     */
    public static Executor current() {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            return Runnable::run;
        }
        return task -> {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                // The server is shutting down: answer anyway rather than leave the caller without one.
                task.run();
            }
        };
    }
}
