package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.functions.ConsumerConfig;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.functions.ProducerConfig;

/**
 * The fields of Pulsar's {@link FunctionConfig} that tune how Pulsar's own function worker runs an instance (its JVM,
 * its producer, its consumer, built-in functions) and that Magnetar's replicas have no such knob for: refused naming
 * the field when set to anything but Pulsar's default, never dropped. Encodings ({@link SchemaConfigs}), windows and
 * acknowledgement are honoured; what else is refused is in {@link UnsupportedSettings}.
 */
final class WorkerSettings {
    private static final String DEFAULT_BATCH_BUILDER = "DEFAULT";

    private WorkerSettings() {
    }

    static List<Violation> of(FunctionConfig config) {
        List<Violation> out = new ArrayList<>();
        text(out, "runtimeFlags", config.getRuntimeFlags(), "Magnetar starts replicas with its own JVM options: size"
                + " the memory with resources.ram, or remove it");
        text(out, "functionType", config.getFunctionType(), "Magnetar has no built-in functions: give the function's"
                + " jar");
        text(out, "customRuntimeOptions", config.getCustomRuntimeOptions(), "Pulsar's Kubernetes runtime options do not"
                + " apply: give pod settings in a Function document's spec.pod (magnetar functions create"
                + " --function-config-file), or remove it");
        if (config.getBatchBuilder() != null && !config.getBatchBuilder().isBlank()
                && !DEFAULT_BATCH_BUILDER.equalsIgnoreCase(config.getBatchBuilder().strip())) {
            out.add(new Violation("batchBuilder", "is '" + config.getBatchBuilder() + "' but Magnetar batches outputs"
                    + " with Pulsar's DEFAULT batch builder only: remove it"));
        }
        producer(config.getProducerConfig(), out);
        if (Boolean.FALSE.equals(config.getForwardSourceMessageProperty())) {
            out.add(new Violation("forwardSourceMessageProperty", "is false but Magnetar always forwards the input's"
                    + " properties to the output: remove it (or set it true)"));
        }
        if (config.getMaxPendingAsyncRequests() != null) {
            out.add(new Violation("maxPendingAsyncRequests", "is " + config.getMaxPendingAsyncRequests() + " but Magnetar"
                    + " bounds the messages a replica has in flight with spec.concurrency (magnetar functions create"
                    + " --concurrency N): remove it"));
        }
        if (Boolean.FALSE.equals(config.getExposePulsarAdminClientEnabled())) {
            out.add(new Violation("exposePulsarAdminClientEnabled", "is false but Magnetar always offers"
                    + " Context.getPulsarAdmin(), acting with the function's own token and so limited to what its role is"
                    + " granted: remove it"));
        }
        if (Boolean.TRUE.equals(config.getSkipToLatest())) {
            out.add(new Violation("skipToLatest", "is true but a Magnetar replica resumes where its subscription is:"
                    + " remove it (subscriptionPosition applies when the subscription is created)"));
        }
        if (config.getFqfn() != null && !config.getFqfn().isBlank() && !config.getFqfn().equals(
                config.getTenant() + "/" + config.getNamespace() + "/" + config.getName())) {
            out.add(new Violation("fqfn", "is '" + config.getFqfn() + "' but the function is " + config.getTenant() + "/"
                    + config.getNamespace() + "/" + config.getName() + ": make them agree, or leave fqfn out"));
        }
        if (config.getInputSpecs() != null) {
            config.getInputSpecs().forEach((topic, spec) -> consumer("inputSpecs." + topic, spec, out));
        }
        return out;
    }

    private static void producer(ProducerConfig producer, List<Violation> out) {
        if (producer == null) {
            return;
        }
        String why = "is set but a Magnetar replica publishes through one producer with its own settings: remove it";
        set(out, "producerConfig.maxPendingMessages", producer.getMaxPendingMessages(), why);
        set(out, "producerConfig.maxPendingMessagesAcrossPartitions", producer.getMaxPendingMessagesAcrossPartitions(),
                why);
        if (Boolean.TRUE.equals(producer.getUseThreadLocalProducers())) {
            out.add(new Violation("producerConfig.useThreadLocalProducers", why));
        }
        set(out, "producerConfig.cryptoConfig", producer.getCryptoConfig(), "is set but Magnetar does not encrypt"
                + " outputs: remove it");
        if (producer.getBatchBuilder() != null && !producer.getBatchBuilder().isBlank()
                && !DEFAULT_BATCH_BUILDER.equalsIgnoreCase(producer.getBatchBuilder().strip())) {
            out.add(new Violation("producerConfig.batchBuilder", "is '" + producer.getBatchBuilder() + "' but Magnetar"
                    + " batches outputs with Pulsar's DEFAULT batch builder only: remove it"));
        }
        set(out, "producerConfig.compressionType", producer.getCompressionType() == null
                || producer.getCompressionType().name().equals("NONE") ? null : producer.getCompressionType(), why);
        set(out, "producerConfig.batchingConfig", producer.getBatchingConfig(), why);
    }

    private static void consumer(String field, ConsumerConfig spec, List<Violation> out) {
        if (spec == null) {
            return;
        }
        String why = "is set but a Magnetar replica subscribes with its own consumer settings: remove it";
        set(out, field + ".receiverQueueSize", spec.getReceiverQueueSize(), why);
        Map<String, String> properties = spec.getConsumerProperties();
        set(out, field + ".consumerProperties", properties == null || properties.isEmpty() ? null : properties, why);
        set(out, field + ".cryptoConfig", spec.getCryptoConfig(), "is set but Magnetar does not decrypt inputs: remove"
                + " it");
        set(out, field + ".messagePayloadProcessorConfig", spec.getMessagePayloadProcessorConfig(), why);
    }

    private static void text(List<Violation> out, String field, String value, String why) {
        if (value != null && !value.isBlank()) {
            out.add(new Violation(field, "is '" + value + "' but " + why));
        }
    }

    private static void set(List<Violation> out, String field, Object value, String why) {
        if (value != null) {
            out.add(new Violation(field, why));
        }
    }
}
