package dev.magnetar.operator.testing;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.operator.resources.RuntimeSettings;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small Functions for the Kubernetes-mode tests. */
public final class TestFunctions {
    public static final String NAMESPACE = "team-a";
    public static final RuntimeSettings SETTINGS =
            new RuntimeSettings("registry.example/magnetar/runtime-java:0.1.0", "pulsar://pulsar:6650", 9090,
                    RuntimeSettings.DEFAULT_ROLLOUT_DEADLINE);
    /** One installation key for every test, so tokens are the same from one reconciler to the next. */
    public static final ReplicaAccess REPLICA_ACCESS =
            new ReplicaAccess("a replica access key of the test installation".getBytes(StandardCharsets.UTF_8));

    private TestFunctions() {
    }

    /** A valid function {@code name} reading {@code in-<name>}, writing {@code out-<name>}, with a uid. */
    public static Function function(String name) {
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
                .withUid("uid-" + name).withGeneration(1L).build());
        FunctionSpec spec = new FunctionSpec();
        spec.setRuntime(new RuntimeSpec(null, "/app/function.jar", "com.example.Exclaim"));
        spec.setInputs(List.of("in-" + name));
        spec.setOutput("out-" + name);
        function.setSpec(spec);
        return function;
    }
}
