package dev.magnetar.api.function;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.naming.TopicNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.api.v1alpha1.WindowSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated function with every default applied and every topic fully qualified: what the
 * runtime, the gateway and the control plane act on. Built from a {@link Function} that passed
 * {@link dev.magnetar.api.validation.FunctionValidator}.
 */
public record ResolvedFunction(
        String tenant,
        String namespace,
        String name,
        String className,
        String jar,
        String image,
        List<String> inputs,
        String topicsPattern,
        String output,
        String subscriptionName,
        SubscriptionType subscriptionType,
        InitialPosition initialPosition,
        ProcessingGuarantee processingGuarantee,
        int maxRedeliveries,
        String deadLetterTopic,
        long timeoutMs,
        int concurrency,
        int replicas,
        Map<String, Object> userConfig,
        Map<String, String> env,
        String logTopic,
        boolean autoAck,
        WindowSpec window,
        String requestSchemaType) {

    public static final int DEFAULT_MAX_REDELIVERIES = 3;
    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_CONCURRENCY = 1;
    public static final int DEFAULT_REPLICAS = 1;
    /** As Pulsar's WindowConfigUtils: no lag allowed, a watermark every second. */
    public static final long DEFAULT_MAX_LAG_MS = 0;
    public static final long DEFAULT_WATERMARK_EMIT_INTERVAL_MS = 1000;

    public static ResolvedFunction of(Function function) {
        FunctionSpec spec = function.getSpec();
        String name = function.getMetadata().getName();
        String tenant = orDefault(spec.getTenant(), FunctionNames.DEFAULT_TENANT);
        String namespace = orDefault(spec.getNamespace(), FunctionNames.DEFAULT_NAMESPACE);
        RuntimeSpec runtime = spec.getRuntime();
        SubscriptionSpec subscription = Optional.ofNullable(spec.getSubscription())
                .orElse(new SubscriptionSpec(null, null, null));
        List<String> inputs = Optional.ofNullable(spec.getInputs()).orElse(List.of()).stream()
                .map(topic -> TopicNames.qualifyIn(tenant, namespace, topic))
                .toList();
        int maxRedeliveries = orDefault(spec.getMaxRedeliveries(), DEFAULT_MAX_REDELIVERIES);
        return new ResolvedFunction(
                tenant,
                namespace,
                name,
                runtime.className(),
                runtime.jar(),
                runtime.image(),
                inputs,
                spec.getTopicsPattern() == null ? null : TopicNames.qualifyIn(tenant, namespace, spec.getTopicsPattern()),
                spec.getOutput() == null ? null : TopicNames.qualifyIn(tenant, namespace, spec.getOutput()),
                orDefault(subscription.name(), FunctionNames.defaultSubscription(tenant, namespace, name)),
                orDefault(subscription.type(), SubscriptionType.Shared),
                orDefault(subscription.initialPosition(), InitialPosition.Latest),
                orDefault(spec.getProcessingGuarantee(), ProcessingGuarantee.ATLEAST_ONCE),
                maxRedeliveries,
                maxRedeliveries == 0 ? null : spec.getDeadLetterTopic() == null
                        ? FunctionNames.defaultDeadLetterTopic(tenant, namespace, name)
                        : TopicNames.qualifyIn(tenant, namespace, spec.getDeadLetterTopic()),
                orDefault(spec.getTimeoutMs(), DEFAULT_TIMEOUT_MS),
                orDefault(spec.getConcurrency(), DEFAULT_CONCURRENCY),
                orDefault(spec.getReplicas(), DEFAULT_REPLICAS),
                Optional.ofNullable(spec.getUserConfig()).map(ResolvedFunction::readOnlyCopy).orElse(Map.of()),
                Optional.ofNullable(spec.getEnv()).map(Map::copyOf).orElse(Map.of()),
                spec.getLogTopic() == null ? null : TopicNames.qualifyIn(tenant, namespace, spec.getLogTopic()),
                // A window function's records are acked by its windows, as Pulsar sets autoAck false for them.
                orDefault(spec.getAutoAck(), spec.getWindow() == null),
                window(spec.getWindow(), tenant, namespace),
                requestSchemaType(spec, tenant, namespace, inputs));
    }

    /**
     * The schema type {@code inputSpecs} names for the request topic (the first input), upper-cased; null when it
     * names none, or names a schema class or a serde instead.
     */
    private static String requestSchemaType(FunctionSpec spec, String tenant, String namespace, List<String> inputs) {
        if (inputs.isEmpty() || spec.getInputSpecs() == null) {
            return null;
        }
        for (Map.Entry<String, dev.magnetar.api.v1alpha1.InputSpec> entry : spec.getInputSpecs().entrySet()) {
            if (entry.getValue() != null && entry.getValue().schemaType() != null
                    && TopicNames.qualifyIn(tenant, namespace, entry.getKey()).equals(inputs.get(0))) {
                String type = entry.getValue().schemaType().trim();
                return type.isEmpty() || type.contains(".") ? null : type.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    /** The window with Pulsar's inferred values: a sliding interval of the length, event-time lag and watermark. */
    private static WindowSpec window(WindowSpec window, String tenant, String namespace) {
        if (window == null) {
            return null;
        }
        boolean eventTime = window.timestampExtractorClassName() != null;
        return new WindowSpec(
                window.windowLengthCount(),
                window.windowLengthDurationMs(),
                window.slidingIntervalCount() == null && window.slidingIntervalDurationMs() == null
                        ? window.windowLengthCount() : window.slidingIntervalCount(),
                window.slidingIntervalCount() == null && window.slidingIntervalDurationMs() == null
                        ? window.windowLengthDurationMs() : window.slidingIntervalDurationMs(),
                window.lateDataTopic() == null ? null : TopicNames.qualifyIn(tenant, namespace, window.lateDataTopic()),
                eventTime ? orDefault(window.maxLagMs(), DEFAULT_MAX_LAG_MS) : window.maxLagMs(),
                eventTime ? orDefault(window.watermarkEmitIntervalMs(), DEFAULT_WATERMARK_EMIT_INTERVAL_MS)
                        : window.watermarkEmitIntervalMs(),
                window.timestampExtractorClassName(),
                window.actualWindowFunctionClassName());
    }

    public String fqfn() {
        return FunctionNames.fqfn(tenant, namespace, name);
    }

    /** The topic a gateway publishes requests to: the first input. */
    public Optional<String> requestTopic() {
        return inputs.isEmpty() ? Optional.empty() : Optional.of(inputs.get(0));
    }

    /** Keeps insertion order and tolerates null values, which user config may hold. */
    private static Map<String, Object> readOnlyCopy(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
