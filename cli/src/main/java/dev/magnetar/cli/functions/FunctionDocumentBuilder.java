package dev.magnetar.cli.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.api.yaml.DocumentException;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the Function document a command sends: the config file (or a base definition), then the
 * flags on top. Relative jar paths become absolute here, because the control plane does not share
 * the user's working directory.
 */
public final class FunctionDocumentBuilder {
    private final Path workingDir;

    public FunctionDocumentBuilder(Path workingDir) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** A fresh document from {@code --function-config-file} (if given) and the flags. */
    public Function build(FunctionFlags flags) {
        return build(flags, null);
    }

    /** As {@link #build(FunctionFlags)}, starting from {@code base} when no config file is given. */
    public Function build(FunctionFlags flags, Function base) {
        Function function = flags.functionConfigFile != null ? readConfigFile(flags.functionConfigFile)
                : base != null ? base : new Function();
        if (function.getMetadata() == null) {
            function.setMetadata(new ObjectMeta());
        }
        if (function.getSpec() == null) {
            function.setSpec(new FunctionSpec());
        }
        function.setStatus(null);
        applyFlags(flags, function.getSpec());
        return function;
    }

    /** The document in the file, its relative jar resolved against the file's folder. */
    public Function readConfigFile(Path file) {
        Path absolute = workingDir.resolve(file).normalize();
        if (!Files.isRegularFile(absolute)) {
            throw usage("--function-config-file '" + file + "': no such file (looked for " + absolute + ")");
        }
        Function function;
        try {
            function = FunctionDocuments.read(absolute);
        } catch (DocumentException e) {
            throw new CliException("--function-config-file: " + e.getMessage(), CliException.USAGE, e);
        }
        RuntimeSpec runtime = function.getSpec() == null ? null : function.getSpec().getRuntime();
        if (runtime != null && runtime.jar() != null) {
            Path jar = absolute.getParent().resolve(runtime.jar()).normalize();
            requireFile(jar, "runtime.jar '" + runtime.jar() + "' in " + file);
            function.getSpec().setRuntime(new RuntimeSpec(runtime.image(), jar.toString(), runtime.className()));
        }
        return function;
    }

    private void applyFlags(FunctionFlags flags, FunctionSpec spec) {
        applyRuntime(flags, spec);
        if (flags.inputs != null) {
            spec.setInputs(List.copyOf(flags.inputs.stream().map(String::strip).filter(t -> !t.isEmpty()).toList()));
        }
        set(flags.topicsPattern, spec::setTopicsPattern);
        set(flags.output, spec::setOutput);
        set(flags.logTopic, spec::setLogTopic);
        set(flags.parallelism, spec::setReplicas);
        set(flags.concurrency, spec::setConcurrency);
        set(flags.processingGuarantees, spec::setProcessingGuarantee);
        set(flags.maxMessageRetries, spec::setMaxRedeliveries);
        set(flags.deadLetterTopic, spec::setDeadLetterTopic);
        set(flags.timeoutMs, spec::setTimeoutMs);
        set(flags.cleanupSubscription, spec::setCleanupSubscription);
        set(flags.autoAck, spec::setAutoAck);
        if (flags.window != null) {
            flags.window.applyTo(spec);
        }
        if (flags.userConfig != null) {
            spec.setUserConfig(parseUserConfig(flags.userConfig));
        }
        if (flags.resources != null) {
            flags.resources.applyTo(spec);
        }
        if (flags.autoscaling != null) {
            flags.autoscaling.applyTo(spec);
        }
        if (flags.schemas != null) {
            flags.schemas.applyTo(spec);
        }
        if (flags.parallelism != null && spec.getAutoscaling() != null) {
            throw new CliException("--parallelism " + flags.parallelism + " has no effect on an autoscaled function: the"
                    + " autoscaler owns its replica count; give --min-replicas and --max-replicas instead",
                    CliException.USAGE, null);
        }
        applySubscription(flags, spec);
    }

    private void applyRuntime(FunctionFlags flags, FunctionSpec spec) {
        if (flags.jar == null && flags.className == null) {
            return;
        }
        RuntimeSpec current = spec.getRuntime() == null ? new RuntimeSpec(null, null, null) : spec.getRuntime();
        String jar = current.jar();
        if (flags.jar != null) {
            Path path = workingDir.resolve(flags.jar).normalize();
            requireFile(path, "--jar '" + flags.jar + "'");
            jar = path.toString();
        }
        spec.setRuntime(new RuntimeSpec(current.image(), jar,
                flags.className != null ? flags.className : current.className()));
    }

    private static void applySubscription(FunctionFlags flags, FunctionSpec spec) {
        if (Boolean.TRUE.equals(flags.retainOrdering) && Boolean.TRUE.equals(flags.retainKeyOrdering)) {
            throw usage("--retain-ordering and --retain-key-ordering exclude each other: choose one");
        }
        SubscriptionType type = Boolean.TRUE.equals(flags.retainOrdering) ? SubscriptionType.Failover
                : Boolean.TRUE.equals(flags.retainKeyOrdering) ? SubscriptionType.Key_Shared : null;
        if (flags.subsName == null && flags.subsPosition == null && type == null) {
            return;
        }
        SubscriptionSpec current = spec.getSubscription() == null
                ? new SubscriptionSpec(null, null, null) : spec.getSubscription();
        spec.setSubscription(new SubscriptionSpec(
                flags.subsName != null ? flags.subsName : current.name(),
                type != null ? type : current.type(),
                flags.subsPosition != null ? flags.subsPosition : current.initialPosition()));
    }

    static Map<String, Object> parseUserConfig(String json) {
        try {
            Map<String, Object> config = FunctionDocuments.json().readValue(json, new TypeReference<>() { });
            if (config == null) {
                throw usage("invalid --user-config '" + json + "': expected a JSON object such as '{\"key\": \"value\"}'");
            }
            return config;
        } catch (JsonProcessingException e) {
            throw new CliException("invalid --user-config '" + json + "': not a JSON object ("
                    + e.getOriginalMessage() + "); example: --user-config '{\"key\": \"value\"}'", CliException.USAGE, e);
        }
    }

    private static void requireFile(Path path, String what) {
        if (!Files.isRegularFile(path)) {
            throw usage(what + ": no such file (looked for " + path + ")");
        }
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static CliException usage(String message) {
        return new CliException(message, CliException.USAGE, null);
    }
}
