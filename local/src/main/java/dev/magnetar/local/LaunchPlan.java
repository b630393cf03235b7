package dev.magnetar.local;

import dev.magnetar.api.launch.RuntimeAssignment;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.launch.RuntimeLaunch;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.replicas.InstanceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start any replica of one function definition.
 *
 * @param fqfn         tenant/namespace/name, for logs
 * @param fileSafeName tenant.namespace.name, for log file names
 * @param functionFile the definition the replicas read
 * @param environment  variables added to the replica's environment (env, secrets, the function's token)
 * @param jvmOptions   the function's own JVM options (its resources), after the launcher's so they win
 * @param packageSha256 the digest the control plane recorded for the jar, which the replica checks; null for none
 */
record LaunchPlan(String fqfn, String fileSafeName, Path functionFile, Map<String, String> environment,
                  List<String> jvmOptions, String packageSha256) {
    /** Where the launcher's JVM options end: at its main jar or class path, else before its main class. */
    private static final List<String> MAIN_OPTIONS = List.of("-jar", "-cp", "-classpath", "--class-path");

    LaunchPlan {
        environment = Map.copyOf(environment);
        jvmOptions = List.copyOf(jvmOptions);
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
     * The runtime's command line ({@link RuntimeLaunch}); the HTTP port is 0 and read back from the ready line.
     * {@code classData} options go right after the launcher's executable, the plan's own at the end of the
     * launcher's JVM options.
     */
    ProcessBuilder processFor(ReplicaSettings settings, int instanceId, List<String> classData) {
        List<String> command = new ArrayList<>(settings.launcher());
        command.addAll(endOfJvmOptions(command), jvmOptions);
        command.addAll(1, classData);
        command.addAll(Option.FUNCTION_FILE.with(functionFile.toString()));
        command.addAll(Option.INSTANCE_ID.with(Integer.toString(instanceId)));
        if (packageSha256 != null) {
            command.addAll(Option.PACKAGE_SHA256.with(packageSha256));
        }
        command.addAll(sharedOptions(settings));
        ProcessBuilder builder = new ProcessBuilder(command);
        replicaEnvironment(builder.environment(), environment);
        return builder;
    }

    /**
     * The options every replica's command line carries whatever its function: the broker, the HTTP port, the drain,
     * the parent, the state storage. A JVM of the warm pool starts with these alone.
     */
    static List<String> sharedOptions(ReplicaSettings settings) {
        List<String> options = new ArrayList<>();
        options.addAll(Option.PULSAR_URL.with(settings.pulsarUrl()));
        if (settings.pulsarAdminUrl() != null) {
            options.addAll(Option.PULSAR_ADMIN_URL.with(settings.pulsarAdminUrl()));
        }
        options.addAll(Option.HTTP_PORT.with("0"));
        // Only the control plane on this machine reads a replica's port; nothing beyond loopback needs it.
        options.addAll(Option.HTTP_HOST.with(InstanceStatus.LOOPBACK));
        options.addAll(Option.DRAIN_TIMEOUT_MS.with(Long.toString(drainTimeout(settings).toMillis())));
        options.addAll(Option.PARENT_PID.with(Long.toString(ProcessHandle.current().pid())));
        if (settings.stateStorage().available()) {
            options.addAll(Option.STATE_STORAGE_URL.with(settings.stateStorage().serviceUrl()));
        } else if (settings.stateStorage().unavailableReason() != null) {
            options.addAll(Option.STATE_STORAGE_UNAVAILABLE.with(settings.stateStorage().unavailableReason()));
        }
        return options;
    }

    /**
     * Whether a JVM of the warm pool can run this plan's replicas: one started with the launcher's options alone, whose
     * environment holds only the runtime's own settings, which its assignment can bring. The function's own variables
     * ({@code spec.env}, {@code spec.secrets}) must be in a JVM's environment from its start, where
     * {@code System.getenv} reads them, and its own JVM options ({@code spec.resources}) too.
     */
    boolean poolable() {
        return jvmOptions.isEmpty() && environment.keySet().stream().allMatch(RuntimeAssignment::carries);
    }

    /**
     * What a JVM of the warm pool is given to become replica {@code instanceId}: what {@link #processFor} passes
     * besides the {@link #sharedOptions}, its environment included.
     */
    RuntimeAssignment assignment(int instanceId) {
        Map<String, String> settings = new HashMap<>(environment);
        settings.put(Option.FUNCTION_FILE.variable(), functionFile.toString());
        settings.put(Option.INSTANCE_ID.variable(), Integer.toString(instanceId));
        if (packageSha256 != null) {
            settings.put(Option.PACKAGE_SHA256.variable(), packageSha256);
        }
        return new RuntimeAssignment(settings);
    }

    /**
     * {@code inherited} (this process's environment) becomes the replica's: our own MAGNETAR_ settings, such as the
     * control plane's Pulsar token, must not reach a function or override its command line; {@code own} is added.
     */
    static void replicaEnvironment(Map<String, String> inherited, Map<String, String> own) {
        inherited.keySet().removeIf(key -> key.startsWith(RuntimeLaunch.ENVIRONMENT_PREFIX)
                && !key.equals(Installation.HOME_ENV));
        inherited.putAll(own);
    }

    private static int endOfJvmOptions(List<String> launcher) {
        for (int i = 1; i < launcher.size(); i++) {
            if (MAIN_OPTIONS.contains(launcher.get(i))) {
                return i;
            }
        }
        return launcher.size() - 1;
    }
}
