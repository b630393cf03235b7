package dev.magnetar.bridge.reply;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The thread that fails calls whose reply is late. */
final class ReplyTimer {
    static final String THREAD_NAME = "magnetar-reply-timeouts";

    private ReplyTimer() {
    }

    /**
     * Cancelled timeouts leave the queue at once: nearly every call is answered well before its timeout (30 s by
     * default), and otherwise each answered call's timeout task would stay queued until then — at 2,000 calls/s, tens
     * of thousands of dead tasks kept alive long enough to reach the old generation.
     */
    static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
