package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.service.StoppedReplicas;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.functions.ConsumerConfig;
import org.apache.pulsar.common.functions.FunctionConfig;

/**
 * Pulsar's {@link FunctionConfig} to Magnetar's {@link Function} and back. What Magnetar cannot honour
 * is refused naming the field (see {@link UnsupportedSettings}), never dropped silently.
 */
public final class FunctionConfigMapper {
    private FunctionConfigMapper() {
    }

    /**
     * The definition {@code config} describes, running the jar at {@code jar}.
     *
     * @throws PulsarConfigException naming every field Magnetar cannot honour
     */
    public static Function toFunction(FunctionConfig config, String jar) {
        List<Violation> violations = UnsupportedSettings.of(config);
        if (!violations.isEmpty()) {
            throw new PulsarConfigException(violations);
        }
        Function function = new Function();
        function.setMetadata(new ObjectMeta());
        function.getMetadata().setName(config.getName());
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant(config.getTenant());
        spec.setNamespace(config.getNamespace());
        spec.setRuntime(new RuntimeSpec(null, jar, config.getClassName()));
        mapTopics(config, spec);
        List<Violation> encodings = new ArrayList<>();
        SchemaConfigs.toSpec(config, spec, encodings);
        if (!encodings.isEmpty()) {
            throw new PulsarConfigException(encodings);
        }
        spec.setSubscription(subscription(config));
        spec.setProcessingGuarantee(config.getProcessingGuarantees() == null ? null
                : ProcessingGuarantee.valueOf(config.getProcessingGuarantees().name()));
        spec.setMaxRedeliveries(config.getMaxMessageRetries());
        spec.setDeadLetterTopic(config.getDeadLetterTopic());
        spec.setReplicas(config.getParallelism());
        spec.setUserConfig(config.getUserConfig() == null ? null : new LinkedHashMap<>(config.getUserConfig()));
        spec.setSecrets(secrets(config.getSecrets()));
        spec.setTimeoutMs(config.getTimeoutMs());
        spec.setCleanupSubscription(config.getCleanupSubscription());
        spec.setResources(ResourceQuantities.toSpec(config.getResources()));
        spec.setWindow(WindowConfigs.toSpec(config.getWindowConfig()));
        // As Pulsar infers it: a window function's windows ack, whatever autoAck says; true is the default.
        spec.setAutoAck(config.getWindowConfig() == null && Boolean.FALSE.equals(config.getAutoAck()) ? false : null);
        function.setSpec(spec);
        return function;
    }

    /**
     * The definition an update through Pulsar's API makes of {@code existing}: {@code config}'s, keeping what Pulsar's
     * config has no field for (the function's own Pulsar credentials, the runtime image, concurrency, autoscaling,
     * env, the pod overlay, the service account token setting), and the resources as written when the update
     * leaves their amounts as they were.
     */
    public static Function toUpdatedFunction(FunctionConfig config, String jar, Function existing) {
        Function function = toFunction(config, jar);
        FunctionSpec spec = function.getSpec();
        FunctionSpec was = existing.getSpec();
        spec.setPulsarAuth(was.getPulsarAuth());
        String image = was.getRuntime() == null ? null : was.getRuntime().image();
        spec.setRuntime(new RuntimeSpec(image, spec.getRuntime().jar(), spec.getRuntime().className()));
        spec.setConcurrency(was.getConcurrency());
        spec.setAutoscaling(was.getAutoscaling());
        spec.setEnv(was.getEnv());
        spec.setPod(was.getPod());
        spec.setAutomountServiceAccountToken(was.getAutomountServiceAccountToken());
        if (ResourceQuantities.sameAmounts(config.getResources(), ResourceQuantities.toPulsar(was.getResources()))) {
            spec.setResources(was.getResources());
        }
        return function;
    }

    /** The definition as Pulsar's client expects it; a stopped function shows the parallelism it will return to. */
    public static FunctionConfig toConfig(Function function) {
        FunctionSpec spec = function.getSpec();
        ResolvedFunction resolved = ResolvedFunction.of(function);
        FunctionConfig config = new FunctionConfig();
        config.setTenant(resolved.tenant());
        config.setNamespace(resolved.namespace());
        config.setName(resolved.name());
        config.setFqfn(resolved.fqfn());
        config.setRuntime(FunctionConfig.Runtime.JAVA);
        config.setClassName(resolved.className());
        config.setJar(resolved.jar());
        config.setInputs(resolved.inputs().isEmpty() ? null : resolved.inputs());
        config.setTopicsPattern(resolved.topicsPattern());
        config.setOutput(resolved.output());
        config.setLogTopic(resolved.logTopic());
        config.setSubName(resolved.subscriptionName());
        config.setSubscriptionPosition(resolved.initialPosition() == InitialPosition.Earliest
                ? SubscriptionInitialPosition.Earliest : SubscriptionInitialPosition.Latest);
        config.setRetainOrdering(resolved.subscriptionType() == SubscriptionType.Failover);
        config.setRetainKeyOrdering(resolved.subscriptionType() == SubscriptionType.Key_Shared);
        config.setProcessingGuarantees(FunctionConfig.ProcessingGuarantees.valueOf(resolved.processingGuarantee().name()));
        config.setMaxMessageRetries(resolved.maxRedeliveries());
        config.setDeadLetterTopic(resolved.deadLetterTopic());
        config.setParallelism(StoppedReplicas.remembered(function).orElse(resolved.replicas()));
        config.setUserConfig(spec.getUserConfig() == null ? null : new LinkedHashMap<>(spec.getUserConfig()));
        config.setSecrets(secretsOf(spec.getSecrets()));
        config.setTimeoutMs(resolved.timeoutMs());
        config.setCleanupSubscription(Boolean.TRUE.equals(spec.getCleanupSubscription()));
        config.setResources(ResourceQuantities.toPulsar(spec.getResources()));
        config.setAutoAck(resolved.autoAck());
        config.setWindowConfig(WindowConfigs.toPulsar(resolved.window(), resolved.className()));
        SchemaConfigs.toConfig(spec, resolved, config);
        return config;
    }

    /** {@code inputs}, the keys of the per-topic maps, and regex input specs as the pattern, as Pulsar reads them. */
    private static void mapTopics(FunctionConfig config, FunctionSpec spec) {
        Set<String> inputs = new LinkedHashSet<>();
        if (config.getInputs() != null) {
            inputs.addAll(config.getInputs());
        }
        addKeys(inputs, config.getCustomSerdeInputs());
        addKeys(inputs, config.getCustomSchemaInputs());
        String pattern = config.getTopicsPattern();
        if (config.getInputSpecs() != null) {
            for (Map.Entry<String, ConsumerConfig> entry : config.getInputSpecs().entrySet()) {
                if (entry.getValue() != null && entry.getValue().isRegexPattern()) {
                    pattern = pattern == null ? entry.getKey() : pattern;
                } else {
                    inputs.add(entry.getKey());
                }
            }
        }
        // a null topic goes on to the validator, which names it (List.copyOf would throw on it instead)
        spec.setInputs(inputs.isEmpty() ? null : new ArrayList<>(inputs));
        spec.setTopicsPattern(pattern);
        spec.setOutput(config.getOutput());
        spec.setLogTopic(config.getLogTopic());
    }

    private static void addKeys(Set<String> inputs, Map<String, String> perTopic) {
        if (perTopic != null) {
            inputs.addAll(perTopic.keySet());
        }
    }

    private static SubscriptionSpec subscription(FunctionConfig config) {
        SubscriptionType type = Boolean.TRUE.equals(config.getRetainOrdering()) ? SubscriptionType.Failover
                : Boolean.TRUE.equals(config.getRetainKeyOrdering()) ? SubscriptionType.Key_Shared : null;
        InitialPosition position = config.getSubscriptionPosition() == null ? null
                : config.getSubscriptionPosition() == SubscriptionInitialPosition.Earliest
                ? InitialPosition.Earliest : InitialPosition.Latest;
        if (config.getSubName() == null && type == null && position == null) {
            return null;
        }
        return new SubscriptionSpec(config.getSubName(), type, position);
    }

    private static Map<String, SecretRef> secrets(Map<String, Object> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            return null;
        }
        Map<String, SecretRef> out = new LinkedHashMap<>();
        secrets.forEach((name, value) -> {
            Map<?, ?> ref = (Map<?, ?>) value;
            out.put(name, new SecretRef((String) ref.get("path"), (String) ref.get("key")));
        });
        return out;
    }

    private static Map<String, Object> secretsOf(Map<String, SecretRef> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        secrets.forEach((name, ref) -> out.put(name, Map.of("path", ref.name(), "key", ref.key())));
        return out;
    }
}
