package dev.magnetar.bench.autoscale;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.bench.scenario.FunctionCode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;

/**
 * The functions the autoscaling scenarios deploy, each under its own name with its own topics, and the names that go
 * with them: topics and the gateway's path.
 */
final class ScalingFunctions {
    static final String TENANT = "public";
    static final String NAMESPACE = "default";
    /** The burst function's per-replica concurrency: 4 messages in flight, 800 msg/s at 5 ms each. */
    static final int BURST_CONCURRENCY = 4;
    static final int BURST_MAX_REPLICAS = 4;
    /** One replica per this many messages waiting: a 50,000-message burst asks for the maximum at once. */
    static final long BURST_BACKLOG_PER_REPLICA = 1_000;
    /** Short, so a run's replicas are back to one soon after its drain and the next run starts from one. */
    static final int BURST_SCALE_DOWN_SECONDS = 2;
    /** Short, so the scale-from-zero scenario finds its function at zero again a few seconds after each call. */
    static final int SCALE_TO_ZERO_AFTER_SECONDS = 2;

    private ScalingFunctions() {
    }

    /** The burst function, autoscaled between 1 and {@link #BURST_MAX_REPLICAS} replicas on its backlog. */
    static Function autoscaledBurst(FunctionCode code, String name) {
        Function function = function(code, name, BURST_CONCURRENCY);
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, BURST_MAX_REPLICAS, BURST_BACKLOG_PER_REPLICA, null,
                null, null, null, BURST_SCALE_DOWN_SECONDS, null));
        return function;
    }

    /** The same function with a fixed {@code replicas}, no autoscaling. */
    static Function fixedBurst(FunctionCode code, String name, int replicas) {
        Function function = function(code, name, BURST_CONCURRENCY);
        function.getSpec().setReplicas(replicas);
        return function;
    }

    /** A function at zero replicas until called, back at zero {@link #SCALE_TO_ZERO_AFTER_SECONDS} after the last call. */
    static Function scaledToZero(FunctionCode code, String name) {
        Function function = function(code, name, 1);
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 1, null, null, null, SCALE_TO_ZERO_AFTER_SECONDS, null,
                null, null));
        return function;
    }

    static String yaml(Function function) {
        return FunctionDocuments.toYaml(function);
    }

    static String inputTopic(String name) {
        return "persistent://" + TENANT + "/" + NAMESPACE + "/" + name + "-in";
    }

    static String outputTopic(String name) {
        return "persistent://" + TENANT + "/" + NAMESPACE + "/" + name + "-out";
    }

    static String gatewayPath(String name) {
        return "/function/" + TENANT + "/" + NAMESPACE + "/" + name;
    }

    private static Function function(FunctionCode code, String name, int concurrency) {
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName(name).build());
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant(TENANT);
        spec.setNamespace(NAMESPACE);
        spec.setRuntime(new RuntimeSpec(null, code.jar().toString(), code.className()));
        spec.setInputs(List.of(inputTopic(name)));
        spec.setOutput(outputTopic(name));
        spec.setConcurrency(concurrency);
        if (!code.userConfig().isEmpty()) {
            spec.setUserConfig(Map.copyOf(code.userConfig()));
        }
        function.setSpec(spec);
        return function;
    }
}
