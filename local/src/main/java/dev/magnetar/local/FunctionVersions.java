package dev.magnetar.local;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.v1alpha1.Function;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a definition into the version its replicas run ({@link DeployedFunction.Version}): its files under
 * {@code run/}, the replica's environment (env, secrets, the function's Pulsar token), its JVM options and the memory
 * it takes.
 */
final class FunctionVersions {
    private final ReplicaSettings settings;
    private final LocalSecrets secrets;
    private final long launcherHeap;

    FunctionVersions(ReplicaSettings settings, LocalSecrets secrets, long machineMemory) {
        this.settings = settings;
        this.secrets = secrets;
        this.launcherHeap = JvmMemory.heapOf(settings.launcher(), machineMemory);
    }

    /** Writes the definition's files and reads its secrets. */
    DeployedFunction.Version write(Function definition, ResolvedFunction function) {
        String signature = LocalReplicas.signature(definition);
        Path file = files(function.fqfn()).write(definition, signature);
        Map<String, String> environment = new HashMap<>(function.env());
        // The function's own secrets and Pulsar token only: the control plane's credentials never reach it.
        environment.putAll(secrets.environment(definition.getSpec()));
        environment.put(Option.HTTP_ACCESS_TOKEN.variable(), settings.access().tokenFor(function.fqfn()));
        // How to check the broker's certificate, as the control plane does; in the environment, for the store's password.
        environment.putAll(settings.pulsarTrust().environment());
        LaunchPlan plan = new LaunchPlan(function.fqfn(), fileSafe(function.fqfn()), file, environment,
                ReplicaResources.of(definition.getSpec().getResources()).jvmOptions(),
                LocalReplicas.packageSha256(definition));
        return new DeployedFunction.Version(definition, plan, signature, demand(definition, function),
                ScalingPolicy.of(definition).orElse(null));
    }

    /**
     * What the function's replicas take: each one the memory its spec asks for, or the launcher's heap; an autoscaled
     * function reserves room for its most replicas, so the autoscaler never asks for more than this machine has.
     */
    ReplicaBudget.Demand demand(Function definition, ResolvedFunction function) {
        Optional<ScalingPolicy> policy = ScalingPolicy.of(definition);
        return new ReplicaBudget.Demand(policy.map(ScalingPolicy::maxReplicas).orElse(function.replicas()),
                ReplicaResources.of(definition.getSpec().getResources()).memoryEach(launcherHeap),
                policy.isPresent() ? "spec.autoscaling.maxReplicas" : "spec.replicas");
    }

    RunFiles files(String fqfn) {
        return new RunFiles(settings.runDir().resolve(fileSafe(fqfn)));
    }

    private static String fileSafe(String fqfn) {
        return fqfn.replace('/', '.');
    }
}
