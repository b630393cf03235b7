package dev.magnetar.gateway.reply;

import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The thread that fails calls whose reply is late. */
final class ReplyTimer {
    static final String THREAD_NAME = "magnetar-reply-timeouts";
    /** How late a timeout may fire: a call's deadline is checked on the first tick after it. */
    static final Duration TICK = Duration.ofMillis(10);

    private ReplyTimer() {
    }

    /**
     * A hashed wheel rather than a scheduled executor: registering or cancelling a call's timeout only queues it, and the
     * timer thread takes both in on its next tick. The scheduled executor woke its thread whenever a new timeout became
     * the earliest one, which is every call when calls come one at a time (a futex wake-up and two context switches
     * per call on the gateway's event loop), and removed each answered call's task under its lock. The price: a
     * timeout fires up to one tick late, and the thread wakes every tick while the client is open.
     */
    static HashedWheelTimer create() {
        return new HashedWheelTimer(runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        }, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
}
