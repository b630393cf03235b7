package dev.magnetar.bench.harness;

/** How close an IO-bound function gets to its ceiling: {@code concurrency} messages in flight, each waiting {@code delayMs}. */
public final class Efficiency {
    private Efficiency() {
    }

    /** The ceiling in msgs/s: {@code concurrency / delay}. */
    public static double idealRate(int concurrency, double delayMs) {
        if (concurrency < 1 || !(delayMs > 0)) {
            throw new IllegalArgumentException("concurrency " + concurrency + " and delay " + delayMs
                    + " ms: both must be positive");
        }
        return concurrency * 1000.0 / delayMs;
    }

    /** Achieved ÷ ideal: 1.0 means every slot was busy waiting all the time. */
    public static double of(double achievedRate, int concurrency, double delayMs) {
        return achievedRate / idealRate(concurrency, delayMs);
    }
}
