package dev.magnetar.bench.harness;

/**
 * One measured (or warm-up) run of one variant.
 *
 * @param messages       outputs counted
 * @param seconds        time from the first to the last output
 * @param msgsPerSecond  {@code (messages - 1) / seconds}: intervals between first and last output
 * @param workerCpuMs    CPU time the worker process used between the first and the last output
 * @param brokerCpuMs    CPU time the broker process used in the same window
 * @param outputEntries  entries the broker stored for the output topic (batches), 0 when not known
 * @param stealPercent   share of the machine's CPU time the hypervisor took in the same window, -1 when not known
 */
public record RunResult(long messages, double seconds, double msgsPerSecond, long workerCpuMs, long brokerCpuMs,
                        long outputEntries, double stealPercent) {

    public static RunResult of(long messages, long firstNanos, long lastNanos, long workerCpuMs, long brokerCpuMs) {
        return of(messages, firstNanos, lastNanos, workerCpuMs, brokerCpuMs, 0);
    }

    public static RunResult of(long messages, long firstNanos, long lastNanos, long workerCpuMs, long brokerCpuMs,
                               long outputEntries) {
        double seconds = (lastNanos - firstNanos) / 1e9;
        double rate = seconds > 0 ? (messages - 1) / seconds : 0;
        return new RunResult(messages, seconds, rate, workerCpuMs, brokerCpuMs, outputEntries, -1);
    }

    public RunResult withOutputEntries(long entries) {
        return new RunResult(messages, seconds, msgsPerSecond, workerCpuMs, brokerCpuMs, entries, stealPercent);
    }

    public RunResult withStealPercent(double percent) {
        return new RunResult(messages, seconds, msgsPerSecond, workerCpuMs, brokerCpuMs, outputEntries, percent);
    }

    /**
     * Output messages per stored entry: how well the worker's producer batched. Small batches cost the
     * broker a write and a dispatch each, which shows as broker CPU. 0 when not known.
     */
    public double messagesPerOutputEntry() {
        return outputEntries > 0 ? (double) messages / outputEntries : 0;
    }

    /** Worker CPU per 1,000 messages: how much work a message costs, independent of the rate reached. */
    public double workerCpuMsPerThousand() {
        return messages > 0 ? workerCpuMs * 1000.0 / messages : 0;
    }
}
