package dev.magnetar.api.validation;

import dev.magnetar.api.function.Quantities;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.naming.TopicNames;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a {@link Function} and reports every violation at once, each naming its field, so a
 * user fixes a definition in one round trip.
 */
public final class FunctionValidator {
    /** DNS-1123 label, short enough to leave room for the suffixes of derived Kubernetes names. */
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?");
    private static final Pattern JAVA_CLASS = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?");
    /** Pulsar allows more ('=' and ':'), but tenant and namespace become Kubernetes label values. */
    private static final Pattern LABEL_SAFE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final int MAX_CONCURRENCY = 1024;
    /**
     * Why EFFECTIVELY_ONCE is refused, for every API that can ask for it. Pulsar gets it from broker deduplication
     * with output sequence ids taken from the input message ids, one producer per input partition behind a Failover
     * subscription; a Magnetar replica publishes the outputs of many inputs at once through one producer, so those
     * ids would not rise with each send and the broker would drop outputs as duplicates.
     */
    public static final String EFFECTIVELY_ONCE_REFUSED = "EFFECTIVELY_ONCE is not supported: it needs output"
            + " sequence ids derived from the input message ids, one producer per input partition, and Magnetar"
            + " replicas publish the outputs of many inputs concurrently through one producer. Use ATLEAST_ONCE (the"
            + " default; with a Failover subscription for order) and make the output's consumers idempotent, or"
            + " ATMOST_ONCE";
    private static final int MAX_SCALE_TO_ZERO_SECONDS = 7 * 24 * 3600;
    private static final int MAX_STABILIZATION_SECONDS = 3600;
    private static final String RESERVED_PREFIX = "MAGNETAR_";

    private FunctionValidator() {
    }

    public static List<Violation> validate(Function function) {
        List<Violation> out = new ArrayList<>();
        checkName(out, function.getMetadata() == null ? null : function.getMetadata().getName());
        FunctionSpec spec = function.getSpec();
        if (spec == null) {
            out.add(new Violation("spec", "is required"));
            return out;
        }
        checkNamePart(out, "spec.tenant", spec.getTenant());
        checkNamePart(out, "spec.namespace", spec.getNamespace());
        checkRuntime(out, spec.getRuntime());
        checkTopics(out, spec);
        SchemaRules.check(out, spec);
        checkDelivery(out, spec);
        checkScaling(out, spec);
        checkEnvironment(out, spec);
        ReplicaPodRules.check(out, spec);
        checkPulsarAuth(out, spec.getPulsarAuth());
        WindowRules.check(out, spec);
        return out;
    }

    /** Throws {@link InvalidFunctionException} listing every violation, if there is any. */
    public static void requireValid(Function function) {
        List<Violation> violations = validate(function);
        if (!violations.isEmpty()) {
            String name = function.getMetadata() == null ? null : function.getMetadata().getName();
            throw new InvalidFunctionException("Function '" + (name == null ? "?" : name) + "'", violations);
        }
    }

    /**
     * Only the names a definition is kept under (null tenant or namespace: the default), for a caller that
     * must check them before it writes anything under them, as a package upload does.
     */
    public static List<Violation> validateNames(String tenant, String namespace, String name) {
        List<Violation> out = new ArrayList<>();
        checkName(out, name);
        checkNamePart(out, "spec.tenant", tenant);
        checkNamePart(out, "spec.namespace", namespace);
        return out;
    }

    private static void checkName(List<Violation> out, String name) {
        if (name == null || name.isBlank()) {
            out.add(new Violation("metadata.name", "is required"));
        } else if (!FUNCTION_NAME.matcher(name).matches()) {
            out.add(new Violation("metadata.name", "'" + name + "' is not allowed: use at most 52 lowercase"
                    + " letters, digits and '-', starting and ending with a letter or digit"));
        }
    }

    private static void checkNamePart(List<Violation> out, String field, String value) {
        if (value != null && !LABEL_SAFE.matcher(value).matches()) {
            out.add(new Violation(field, "'" + value + "' is not allowed: use at most 63 letters, digits and - _ .,"
                    + " starting and ending with a letter or digit"));
        }
    }

    private static void checkRuntime(List<Violation> out, RuntimeSpec runtime) {
        if (runtime == null) {
            out.add(new Violation("spec.runtime", "is required: set runtime.className and runtime.jar (or runtime.image)"));
            return;
        }
        if (runtime.className() == null || runtime.className().isBlank()) {
            out.add(new Violation("spec.runtime.className", "is required: the fully qualified class of the function"));
        } else if (!JAVA_CLASS.matcher(runtime.className()).matches()) {
            out.add(new Violation("spec.runtime.className", "'" + runtime.className() + "' is not a Java class name"));
        }
        if (isBlank(runtime.jar()) && isBlank(runtime.image())) {
            out.add(new Violation("spec.runtime.jar", "is required when runtime.image is not set: the jar that holds the function"));
        }
    }

    private static void checkTopics(List<Violation> out, FunctionSpec spec) {
        List<String> inputs = spec.getInputs() == null ? List.of() : spec.getInputs();
        if (inputs.isEmpty() && isBlank(spec.getTopicsPattern())) {
            out.add(new Violation("spec.inputs", "is required: give at least one input topic, or spec.topicsPattern"));
        }
        for (int i = 0; i < inputs.size(); i++) {
            String problem = TopicNames.problem(inputs.get(i));
            if (problem != null) {
                out.add(new Violation("spec.inputs[" + i + "]", problem));
            }
        }
        if (!isBlank(spec.getTopicsPattern())) {
            try {
                Pattern.compile(spec.getTopicsPattern());
            } catch (PatternSyntaxException e) {
                out.add(new Violation("spec.topicsPattern", "is not a regular expression: " + e.getDescription()));
            }
        }
        if (spec.getOutput() != null) {
            String problem = TopicNames.problem(spec.getOutput());
            if (problem != null) {
                out.add(new Violation("spec.output", problem));
            } else if (qualifiedInputs(spec).contains(qualified(spec, spec.getOutput()))) {
                out.add(new Violation("spec.output", "'" + spec.getOutput() + "' is also an input: the function"
                        + " would consume its own output forever; pick another output topic"));
            }
        }
        if (spec.getLogTopic() != null) {
            String problem = TopicNames.problem(spec.getLogTopic());
            if (problem != null) {
                out.add(new Violation("spec.logTopic", problem));
            } else if (qualifiedInputs(spec).contains(qualified(spec, spec.getLogTopic()))) {
                out.add(new Violation("spec.logTopic", "'" + spec.getLogTopic() + "' is also an input: the function"
                        + " would consume its own log lines; pick another log topic"));
            }
        }
        if (spec.getDeadLetterTopic() != null) {
            String problem = TopicNames.problem(spec.getDeadLetterTopic());
            if (problem != null) {
                out.add(new Violation("spec.deadLetterTopic", problem));
            }
        }
        if (spec.getSubscription() != null && spec.getSubscription().name() != null
                && spec.getSubscription().name().isBlank()) {
            out.add(new Violation("spec.subscription.name", "must not be blank: leave it out to use the default"));
        }
    }

    private static void checkDelivery(List<Violation> out, FunctionSpec spec) {
        if (spec.getProcessingGuarantee() == ProcessingGuarantee.EFFECTIVELY_ONCE) {
            out.add(new Violation("spec.processingGuarantee", EFFECTIVELY_ONCE_REFUSED));
        }
        if (Boolean.FALSE.equals(spec.getAutoAck()) && spec.getProcessingGuarantee() == ProcessingGuarantee.ATMOST_ONCE) {
            out.add(new Violation("spec.autoAck", "is false but ATMOST_ONCE acks every message as it is received (Pulsar"
                    + " refuses this too): remove autoAck, or use ATLEAST_ONCE to ack from the function"));
        }
        if (spec.getMaxRedeliveries() != null && spec.getMaxRedeliveries() < 0) {
            out.add(new Violation("spec.maxRedeliveries", "is " + spec.getMaxRedeliveries() + ": must be 0 or more"));
        }
        if (spec.getDeadLetterTopic() != null && Integer.valueOf(0).equals(spec.getMaxRedeliveries())) {
            out.add(new Violation("spec.deadLetterTopic", "needs spec.maxRedeliveries above 0"));
        }
        if (spec.getTimeoutMs() != null && spec.getTimeoutMs() <= 0) {
            out.add(new Violation("spec.timeoutMs", "is " + spec.getTimeoutMs() + ": must be above 0"));
        }
        Integer concurrency = spec.getConcurrency();
        if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
            out.add(new Violation("spec.concurrency", "is " + concurrency + ": must be between 1 and " + MAX_CONCURRENCY));
        }
    }

    private static void checkScaling(List<Violation> out, FunctionSpec spec) {
        if (spec.getReplicas() != null && spec.getReplicas() < 0) {
            out.add(new Violation("spec.replicas", "is " + spec.getReplicas() + ": must be 0 or more"));
        }
        if (spec.getAutoscaling() != null) {
            checkAutoscaling(out, spec.getAutoscaling());
        }
        if (spec.getResources() != null) {
            checkResources(out, spec.getResources());
        }
    }

    private static void checkAutoscaling(List<Violation> out, AutoscalingSpec auto) {
        String at = "spec.autoscaling.";
        int min = auto.minReplicas() == null ? ScalingPolicy.DEFAULT_MIN_REPLICAS : auto.minReplicas();
        if (min < 0) {
            out.add(new Violation(at + "minReplicas", "is " + min + ": must be 0 or more (0 scales to zero when idle)"));
        }
        if (auto.maxReplicas() == null) {
            out.add(new Violation(at + "maxReplicas", "is required when autoscaling is set"));
        } else if (auto.maxReplicas() < Math.max(1, min)) {
            out.add(new Violation(at + "maxReplicas", "is " + auto.maxReplicas()
                    + ": must be at least 1 and at least minReplicas (" + min + ")"));
        }
        if (auto.targetBacklogPerReplica() != null && auto.targetBacklogPerReplica() < 1) {
            out.add(new Violation(at + "targetBacklogPerReplica", "is " + auto.targetBacklogPerReplica()
                    + ": must be 1 or more (messages waiting per replica)"));
        }
        if (auto.targetInFlightPerReplica() != null && auto.targetInFlightPerReplica() < 1) {
            out.add(new Violation(at + "targetInFlightPerReplica", "is " + auto.targetInFlightPerReplica()
                    + ": must be 1 or more (calls in progress per replica; unset means the function's concurrency)"));
        }
        Integer cpu = auto.targetCpuUtilization();
        if (cpu != null && (cpu < 1 || cpu > 100)) {
            out.add(new Violation(at + "targetCpuUtilization", "is " + cpu + ": must be 1 to 100 (percent)"));
        }
        checkSeconds(out, at + "scaleToZeroAfterSeconds", auto.scaleToZeroAfterSeconds(), MAX_SCALE_TO_ZERO_SECONDS);
        checkSeconds(out, at + "scaleUpStabilizationSeconds", auto.scaleUpStabilizationSeconds(), MAX_STABILIZATION_SECONDS);
        checkSeconds(out, at + "scaleDownStabilizationSeconds", auto.scaleDownStabilizationSeconds(),
                MAX_STABILIZATION_SECONDS);
        if (auto.engine() != null && ScalingPolicy.Engine.named(auto.engine()).isEmpty()) {
            out.add(new Violation(at + "engine", "is '" + auto.engine() + "': must be 'magnetar' (the default) or"
                    + " 'keda' (Kubernetes with KEDA installed)"));
        }
    }

    private static void checkSeconds(List<Violation> out, String field, Integer seconds, int most) {
        if (seconds != null && (seconds < 0 || seconds > most)) {
            out.add(new Violation(field, "is " + seconds + ": must be 0 to " + most + " seconds"));
        }
    }

    /** Quantities, and amounts that fit what reads them: finite cores, bytes within a long. */
    private static void checkResources(List<Violation> out, ResourcesSpec resources) {
        String cpu = resources.cpu();
        if (isQuantity(out, "spec.resources.cpu", cpu) && cpu != null) {
            Double cores = Quantities.cores(cpu);
            if (cores != null && cores.isInfinite()) {
                out.add(new Violation("spec.resources.cpu", "'" + cpu + "' is too large: give the cores per replica,"
                        + " e.g. 2 or 500m"));
            }
        }
        String memory = resources.memory();
        if (isQuantity(out, "spec.resources.memory", memory) && memory != null && Quantities.bytes(memory) == null) {
            out.add(new Violation("spec.resources.memory", "'" + memory + "' is more bytes than a replica can be given:"
                    + " write e.g. 512Mi or 2Gi"));
        }
    }

    private static void checkEnvironment(List<Violation> out, FunctionSpec spec) {
        if (spec.getEnv() != null) {
            for (Map.Entry<String, String> variable : spec.getEnv().entrySet()) {
                String key = variable.getKey();
                if (!ENV_NAME.matcher(key).matches()) {
                    out.add(new Violation("spec.env." + key, "is not an environment variable name"));
                } else if (key.startsWith(RESERVED_PREFIX)) {
                    out.add(new Violation("spec.env." + key, "the MAGNETAR_ prefix is reserved for the platform"));
                } else if (variable.getValue() == null) {
                    out.add(new Violation("spec.env." + key, "has no value: give a string (\"\" for an empty one)"));
                }
            }
        }
        if (spec.getSecrets() != null) {
            for (Map.Entry<String, SecretRef> secret : spec.getSecrets().entrySet()) {
                String field = "spec.secrets." + secret.getKey();
                if (secret.getKey().startsWith(RESERVED_PREFIX)) {
                    out.add(new Violation(field, "the MAGNETAR_ prefix is reserved for the platform; the function's"
                            + " Pulsar token goes in spec.pulsarAuth.token"));
                }
                checkSecretRef(out, field, secret.getValue());
            }
        }
    }

    private static void checkPulsarAuth(List<Violation> out, PulsarAuthSpec auth) {
        if (auth == null) {
            return;
        }
        if (auth.token() == null) {
            out.add(new Violation("spec.pulsarAuth.token", "is required when spec.pulsarAuth is set: name the Secret"
                    + " and key holding the function's Pulsar token, or leave spec.pulsarAuth out"));
            return;
        }
        checkSecretRef(out, "spec.pulsarAuth.token", auth.token());
    }

    private static void checkSecretRef(List<Violation> out, String field, SecretRef ref) {
        if (ref == null || isBlank(ref.name())) {
            out.add(new Violation(field + ".name", "is required: the Secret's name"));
        }
        if (ref == null || isBlank(ref.key())) {
            out.add(new Violation(field + ".key", "is required: the key inside the Secret"));
        }
    }

    /** Adds a violation when {@code value} is set but not a quantity; answers whether it is none or a quantity. */
    private static boolean isQuantity(List<Violation> out, String field, String value) {
        if (value != null && !QUANTITY.matcher(value).matches()) {
            out.add(new Violation(field, "'" + value + "' is not a quantity: write e.g. 500m, 1, 512Mi, 2Gi"));
            return false;
        }
        return true;
    }

    private static List<String> qualifiedInputs(FunctionSpec spec) {
        return spec.getInputs() == null ? List.of()
                : spec.getInputs().stream().filter(t -> TopicNames.problem(t) == null).map(t -> qualified(spec, t)).toList();
    }

    private static String qualified(FunctionSpec spec, String topic) {
        String tenant = spec.getTenant() == null ? "public" : spec.getTenant();
        String namespace = spec.getNamespace() == null ? "default" : spec.getNamespace();
        return TopicNames.qualifyIn(tenant, namespace, topic);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
