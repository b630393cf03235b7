package dev.magnetar.bench.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chaos run's delivery invariant, counted from what the producer saw acknowledged and what came out of the function.
 *
 * @param accepted     inputs the broker acknowledged (stored)
 * @param outputs      distinct input ids seen on the output topic
 * @param losses       accepted ids missing from the output: must be 0
 * @param duplicates   extra deliveries: for each id, its output messages beyond the first
 * @param unaccepted   ids seen on the output whose send was never acknowledged (a send the broker stored but whose
 *                     acknowledgement the producer lost with its connection): not a fault, worth knowing
 * @param lostExamples up to {@link #EXAMPLES} of the lost ids, smallest first, to look for in the logs
 */
record DeliveryCheck(long accepted, long outputs, long losses, long duplicates, long unaccepted, List<Long> lostExamples) {
    static final int EXAMPLES = 10;

    DeliveryCheck {
        lostExamples = List.copyOf(lostExamples);
    }

    /**
     * @param acceptedIds  ids whose send the broker acknowledged
     * @param outputCounts per input id, the distinct output messages that carried it
     */
    static DeliveryCheck of(Set<Long> acceptedIds, Map<Long, Integer> outputCounts) {
        long losses = acceptedIds.stream().filter(id -> !outputCounts.containsKey(id)).count();
        List<Long> examples = acceptedIds.stream().filter(id -> !outputCounts.containsKey(id)).sorted().limit(EXAMPLES)
                .toList();
        long duplicates = outputCounts.values().stream().mapToLong(count -> Math.max(0, count - 1)).sum();
        long unaccepted = outputCounts.keySet().stream().filter(id -> !acceptedIds.contains(id)).count();
        return new DeliveryCheck(acceptedIds.size(), outputCounts.size(), losses, duplicates, unaccepted, examples);
    }

    boolean passed() {
        return losses == 0;
    }
}
