package dev.magnetar.local;

import dev.magnetar.api.validation.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a function's replicas fit beside those of the other functions: per function, in total, and in this
 * machine's memory (every replica's memory added up: its heap, or the memory its spec asks for; the JVMs of the warm
 * pool take their share first). What does not fit is a violation of the demand's field naming the limit, the
 * numbers, and what to do.
 */
final class ReplicaBudget {
    /**
     * What one function asks for: {@code replicas} of {@code memoryEach} bytes, as {@code field} says
     * ({@code spec.replicas}, or {@code spec.autoscaling.maxReplicas} for an autoscaled function).
     */
    record Demand(int replicas, long memoryEach, String field) {
        Demand(int replicas, long memoryEach) {
            this(replicas, memoryEach, "spec.replicas");
        }

        long memory() {
            return replicas * memoryEach;
        }
    }

    private final ReplicaLimits limits;
    private final int poolJvms;
    private final long poolMemory;

    ReplicaBudget(ReplicaLimits limits) {
        this(limits, 0, 0);
    }

    /** With {@code poolJvms} JVMs of the warm pool, each taking {@code poolMemoryEach}, before any replica. */
    ReplicaBudget(ReplicaLimits limits, int poolJvms, long poolMemoryEach) {
        this.limits = limits;
        this.poolJvms = poolJvms;
        this.poolMemory = poolJvms * poolMemoryEach;
    }

    /** The memory replicas may take: the limits' memory for replicas less the warm pool's. */
    private long memoryForReplicas() {
        return Math.max(0, limits.memoryForReplicas() - poolMemory);
    }

    List<Violation> check(Demand wanted, Collection<Demand> others) {
        List<Violation> out = new ArrayList<>();
        int replicas = wanted.replicas();
        if (replicas > limits.maxPerFunction()) {
            out.add(new Violation(wanted.field(), "is " + replicas + ": at most " + limits.maxPerFunction() + " replicas per"
                    + " function run on this machine (" + ReplicaLimits.PREFIX + ".max-per-function)"));
        }
        long otherReplicas = others.stream().mapToLong(Demand::replicas).sum();
        if (replicas > 0 && replicas + otherReplicas > limits.maxTotal()) {
            String sum = otherReplicas == 0 ? "" : " with the " + otherReplicas + " replicas of other functions that"
                    + " makes " + (replicas + otherReplicas) + ",";
            out.add(new Violation(wanted.field(), "is " + replicas + ":" + sum + " above the " + limits.maxTotal() + " this"
                    + " machine runs in all (" + ReplicaLimits.PREFIX + ".max-total): scale other functions down or"
                    + " stop them, or raise the limit"));
        }
        long otherMemory = others.stream().mapToLong(Demand::memory).sum();
        if (replicas > 0 && wanted.memory() + otherMemory > memoryForReplicas()) {
            out.add(new Violation(wanted.field(), memoryMessage(wanted, otherMemory)));
        }
        return out;
    }

    static String jvms(int count) {
        return count + (count == 1 ? " JVM" : " JVMs");
    }

    private String memoryMessage(Demand wanted, long otherMemory) {
        return "is " + wanted.replicas() + ": " + wanted.replicas() + " replicas of " + JvmMemory.human(wanted.memoryEach())
                + " each need " + JvmMemory.human(wanted.memory()) + (otherMemory == 0 ? "; that is" : "; with the "
                + JvmMemory.human(otherMemory) + " of other functions' replicas that is") + " more than the "
                + JvmMemory.human(memoryForReplicas())
                + " this machine has for replicas (" + JvmMemory.human(limits.machineMemory()) + " of memory less a"
                + " reserve of " + JvmMemory.human(limits.memoryReserve()) + ", " + ReplicaLimits.PREFIX
                + ".memory-reserve" + (poolJvms == 0 ? "" : ", and " + JvmMemory.human(poolMemory) + " for the "
                + jvms(poolJvms) + " of the warm pool, magnetar.replicas.warm-pool-size")
                + "): ask for fewer replicas or less memory each";
    }
}
