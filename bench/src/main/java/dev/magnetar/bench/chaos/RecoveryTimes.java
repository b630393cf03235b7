package dev.magnetar.bench.chaos;

import java.util.List;
import java.util.Map;

/**
 * How long the platform took to recover from one fault, from the SIGKILL on.
 *
 * @param toFirstSuccess seconds to the end of the first gateway call sent after the kill that answered 200; negative when
 *                       none did before the run ended
 * @param toDrained      seconds until every input sent before the kill had come out of the function (0 when all had
 *                       already); negative when some never came out
 */
record RecoveryTimes(Fault fault, double toFirstSuccess, double toDrained) {
    static final double NEVER = -1;

    /**
     * @param calls         every gateway call of the run
     * @param sentAt        per input id, when the producer was handed it
     * @param firstOutputAt per input id, when its first output was read
     */
    static RecoveryTimes of(Fault fault, List<GatewayCall> calls, Map<Long, Long> sentAt, Map<Long, Long> firstOutputAt) {
        return new RecoveryTimes(fault, toFirstSuccess(fault.killedNanos(), calls),
                toDrained(fault.killedNanos(), sentAt, firstOutputAt));
    }

    static double toFirstSuccess(long killedNanos, List<GatewayCall> calls) {
        return calls.stream().filter(call -> call.succeeded() && call.startNanos() >= killedNanos)
                .mapToLong(GatewayCall::endNanos).min().stream().mapToDouble(end -> seconds(end - killedNanos))
                .findFirst().orElse(NEVER);
    }

    static double toDrained(long killedNanos, Map<Long, Long> sentAt, Map<Long, Long> firstOutputAt) {
        long latest = killedNanos;
        for (Map.Entry<Long, Long> sent : sentAt.entrySet()) {
            if (sent.getValue() >= killedNanos) {
                continue;
            }
            Long out = firstOutputAt.get(sent.getKey());
            if (out == null) {
                return NEVER;
            }
            latest = Math.max(latest, out);
        }
        return seconds(latest - killedNanos);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
