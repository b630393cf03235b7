package dev.magnetar.controller.orchestrator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start any replica of one function definition.
 *
 * @param fqfn         tenant/namespace/name, for logs
 * @param fileSafeName tenant.namespace.name, for log file names
 * @param functionFile the definition the replicas read
 * @param environment  variables added to the replica's environment (env, secrets, token)
 */
record LaunchPlan(String fqfn, String fileSafeName, Path functionFile, Map<String, String> environment) {
    private static final String RESERVED_PREFIX = "MAGNETAR_";
    private static final String HOME_VARIABLE = "MAGNETAR_HOME";

    LaunchPlan {
        environment = Map.copyOf(environment);
    }

    Path logFile(ReplicaSettings settings, int instanceId) {
        return settings.logDir().resolve(fileSafeName + "-" + instanceId + ".log");
    }

    /** The replica drains for less than the grace period, so it finishes before it would be killed. */
    static Duration drainTimeout(ReplicaSettings settings) {
        Duration margin = Duration.ofSeconds(2);
        Duration grace = settings.stopGrace();
        return grace.compareTo(margin.multipliedBy(2)) > 0 ? grace.minus(margin) : grace.dividedBy(2);
    }

    /**
     * The runtime command line of contract 4; the HTTP port is 0 and read back from the ready line.
     * {@code jvmOptions} go right after the launcher's executable, before the launcher's own options.
     */
    ProcessBuilder processFor(ReplicaSettings settings, int instanceId, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(settings.launcher());
        command.addAll(1, jvmOptions);
        command.addAll(List.of("--function-file", functionFile.toString(),
                "--pulsar-url", settings.pulsarUrl(),
                "--instance-id", Integer.toString(instanceId),
                "--http-port", "0",
                "--drain-timeout-ms", Long.toString(drainTimeout(settings).toMillis()),
                // The replica stops when this control plane dies, even by SIGKILL: no orphan keeps consuming.
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // Our own MAGNETAR_ settings must not leak into a replica and override its command line.
        env.keySet().removeIf(key -> key.startsWith(RESERVED_PREFIX) && !key.equals(HOME_VARIABLE));
        env.putAll(environment);
        return builder;
    }
}
