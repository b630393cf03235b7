package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.functions.FunctionConfig;

/**
 * The parts of a Pulsar {@link FunctionConfig} Magnetar cannot honour, each a violation naming the
 * field and what to do instead: refused, never silently dropped. Schema types and serde classes are
 * honoured ({@link SchemaConfigs}).
 */
final class UnsupportedSettings {
    private UnsupportedSettings() {
    }

    static List<Violation> of(FunctionConfig config) {
        List<Violation> out = new ArrayList<>();
        if (config.getRuntime() != null && config.getRuntime() != FunctionConfig.Runtime.JAVA) {
            out.add(new Violation("runtime", "is " + config.getRuntime() + " but Magnetar runs Java functions only: use JAVA"));
        }
        if (config.getPy() != null || config.getGo() != null) {
            out.add(new Violation(config.getPy() != null ? "py" : "go",
                    "is set but Magnetar runs Java functions only: give a jar"));
        }
        if (config.getProcessingGuarantees() == FunctionConfig.ProcessingGuarantees.MANUAL) {
            out.add(new Violation("processingGuarantees", "MANUAL is not supported: use ATLEAST_ONCE or ATMOST_ONCE"));
        }
        if (config.getProcessingGuarantees() == FunctionConfig.ProcessingGuarantees.EFFECTIVELY_ONCE) {
            out.add(new Violation("processingGuarantees", FunctionValidator.EFFECTIVELY_ONCE_REFUSED));
        }
        if (Boolean.TRUE.equals(config.getRetainOrdering()) && Boolean.TRUE.equals(config.getRetainKeyOrdering())) {
            out.add(new Violation("retainOrdering", "and retainKeyOrdering are both true: set only one (retainOrdering"
                    + " = one active consumer, retainKeyOrdering = per-key order)"));
        }
        if (config.getSecrets() != null) {
            config.getSecrets().forEach((name, value) -> {
                if (!(value instanceof Map<?, ?> ref) || !(ref.get("path") instanceof String)
                        || !(ref.get("key") instanceof String)) {
                    // The value is not echoed: with Pulsar's clear-text secrets provider it is the secret itself.
                    out.add(new Violation("secrets." + name, "is not a reference to a Secret (its value is not shown):"
                            + " give {\"path\": \"<secret name>\", \"key\": \"<key in the secret>\"}"));
                }
            });
        }
        out.addAll(ResourceQuantities.check(config.getResources()));
        out.addAll(WorkerSettings.of(config));
        return out;
    }
}
