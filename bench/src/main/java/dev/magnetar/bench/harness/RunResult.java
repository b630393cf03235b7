package dev.magnetar.bench.harness;

/**
 * One measured (or warm-up) run of one variant.
 *
 * @param messages       outputs counted
 * @param seconds        time from the first to the last output
 * @param msgsPerSecond  {@code (messages - 1) / seconds}: intervals between first and last output
 * @param workerCpuMs    CPU time the worker process used between the first and the last output
 * @param brokerCpuMs    CPU time the broker process used in the same window
 */
public record RunResult(long messages, double seconds, double msgsPerSecond, long workerCpuMs, long brokerCpuMs) {

    public static RunResult of(long messages, long firstNanos, long lastNanos, long workerCpuMs, long brokerCpuMs) {
        double seconds = (lastNanos - firstNanos) / 1e9;
        double rate = seconds > 0 ? (messages - 1) / seconds : 0;
        return new RunResult(messages, seconds, rate, workerCpuMs, brokerCpuMs);
    }

    /** Worker CPU per 1,000 messages: how much work a message costs, independent of the rate reached. */
    public double workerCpuMsPerThousand() {
        return messages > 0 ? workerCpuMs * 1000.0 / messages : 0;
    }
}
