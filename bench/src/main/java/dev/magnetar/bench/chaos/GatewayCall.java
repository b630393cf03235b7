package dev.magnetar.bench.chaos;

/**
 * One call through the gateway.
 *
 * @param startNanos {@link System#nanoTime()} when it was sent
 * @param endNanos   when its answer, or the failure to get one, came
 * @param status     the HTTP status, or {@link #NO_ANSWER} when no HTTP answer came (connection refused or broken,
 *                   timeout)
 */
record GatewayCall(long startNanos, long endNanos, int status) {
    static final int NO_ANSWER = 0;

    boolean succeeded() {
        return status == 200;
    }
}
