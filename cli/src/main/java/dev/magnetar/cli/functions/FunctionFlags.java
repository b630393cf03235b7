package dev.magnetar.cli.functions;

import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The definition flags of {@code functions create|update}, named as pulsar-admin names them. Every
 * field is null when not given, so a flag only overrides what the user actually typed.
 */
public final class FunctionFlags {
    @Option(names = "--function-config-file", paramLabel = "FILE",
            description = "A Function document (YAML or JSON); a relative runtime.jar is resolved against"
                    + " the file's folder. Flags override its fields.")
    Path functionConfigFile;

    @Option(names = "--jar", paramLabel = "PATH", description = "The function's jar (made absolute)")
    String jar;

    @Option(names = "--classname", paramLabel = "CLASS", description = "The function class inside the jar")
    String className;

    @Option(names = "--inputs", paramLabel = "TOPIC", split = ",",
            description = "Input topics, comma separated")
    List<String> inputs;

    @Option(names = "--topics-pattern", paramLabel = "REGEX", description = "Consume every topic matching this pattern")
    String topicsPattern;

    @Option(names = "--output", paramLabel = "TOPIC", description = "Output topic")
    String output;

    @Option(names = "--log-topic", paramLabel = "TOPIC",
            description = "Topic the function's log lines (its Context logger) are published to")
    String logTopic;

    @Option(names = "--parallelism", paramLabel = "N", description = "Number of replicas")
    Integer parallelism;

    @Option(names = "--concurrency", paramLabel = "N", description = "Messages one replica processes at once")
    Integer concurrency;

    @Option(names = "--user-config", paramLabel = "JSON", description = "User config, a JSON object")
    String userConfig;

    @Option(names = "--processing-guarantees", paramLabel = "GUARANTEE",
            description = "One of: ${COMPLETION-CANDIDATES}")
    ProcessingGuarantee processingGuarantees;

    @Option(names = "--max-message-retries", paramLabel = "N",
            description = "Redeliveries before a failing message goes to the dead-letter topic")
    Integer maxMessageRetries;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", description = "Dead-letter topic")
    String deadLetterTopic;

    @Option(names = "--subs-name", paramLabel = "NAME", description = "Subscription name")
    String subsName;

    @Option(names = "--subs-position", paramLabel = "POSITION",
            description = "Where a new subscription starts: ${COMPLETION-CANDIDATES}")
    InitialPosition subsPosition;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Processing timeout per message")
    Long timeoutMs;

    @Option(names = "--retain-ordering", arity = "0..1", paramLabel = "BOOL",
            description = "Keep total order (one active replica: Failover subscription)")
    Boolean retainOrdering;

    @Option(names = "--retain-key-ordering", arity = "0..1", paramLabel = "BOOL",
            description = "Keep per-key order (Key_Shared subscription)")
    Boolean retainKeyOrdering;

    @Option(names = "--cleanup-subscription", arity = "0..1", paramLabel = "BOOL",
            description = "Delete the subscription when the function is deleted")
    Boolean cleanupSubscription;

    @Option(names = "--auto-ack", arity = "1", paramLabel = "BOOL",
            description = "false: the function acks or fails each message itself (Context.getCurrentRecord().ack()/"
                    + "fail()); not with ATMOST_ONCE")
    Boolean autoAck;

    @Mixin
    WindowFlags window;

    @Mixin
    ResourceFlags resources;

    @Mixin
    AutoscalingFlags autoscaling;

    @Mixin
    SchemaFlags schemas;

    public Path functionConfigFile() {
        return functionConfigFile;
    }
}
