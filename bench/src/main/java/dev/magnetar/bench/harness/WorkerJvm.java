package dev.magnetar.bench.harness;

import dev.magnetar.local.config.ReplicaConfig;
import java.util.List;

/**
 * The JVM options of every worker a scenario starts — the pipe, a Magnetar replica, LocalRunner: the ones a
 * standalone replica gets by default (heap, stack, collector). The bench measures what users run, and every
 * side runs under the same collector, so a ratio compares the code, not the JVM settings.
 */
public final class WorkerJvm {
    private WorkerJvm() {
    }

    public static List<String> options() {
        return List.of(ReplicaConfig.DEFAULT_JVM_OPTIONS.split(","));
    }

    /** For a scenario's settings. */
    public static String describe() {
        return String.join(" ", options()) + " (standalone replicas' default, magnetar.replicas.jvm-options)";
    }
}
