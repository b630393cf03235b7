package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.magnetar.api.validation.ReplicaPodRules;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/**
 * What a user declares. Plain data, no logic: defaults are applied by
 * {@link dev.magnetar.api.function.ResolvedFunction}, checks by
 * {@link dev.magnetar.api.validation.FunctionValidator}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FunctionSpec {
    private String tenant;
    private String namespace;
    @Required
    private RuntimeSpec runtime;
    private List<String> inputs;
    private String topicsPattern;
    private String output;
    /** Where the function's log lines (its Context logger) are published, as Pulsar's --log-topic. */
    private String logTopic;
    /** Per input topic: its schema type or serde class, as Pulsar's inputSpecs (keys are the topics). */
    private Map<String, InputSpec> inputSpecs;
    /** The output's schema type or schema class, as Pulsar's outputSchemaType. */
    private String outputSchemaType;
    /** A SerDe class in the function's jar for the output, as Pulsar's outputSerdeClassName. */
    private String outputSerdeClassName;
    /** Properties of the output's schema, what Pulsar's customSchemaOutputs gives the output topic. */
    private Map<String, String> outputSchemaProperties;
    private SubscriptionSpec subscription;
    private ProcessingGuarantee processingGuarantee;
    @Min(0)
    private Integer maxRedeliveries;
    private String deadLetterTopic;
    @Min(1)
    private Long timeoutMs;
    @Min(1)
    @Max(1024)
    private Integer concurrency;
    @Min(0)
    @SpecReplicas
    private Integer replicas;
    private AutoscalingSpec autoscaling;
    /** Free-form values for the function (numbers, strings, nested maps), as in Pulsar's user config. */
    @PreserveUnknownFields
    @SchemaFrom(type = FreeForm.class)
    private Map<String, Object> userConfig;
    private Map<String, SecretRef> secrets;
    /** Magnetar's own field: Pulsar's Functions API has none like it, so only Magnetar's API and documents set it. */
    @JsonPropertyDescription("The function's own Pulsar credentials. Without them its replicas connect to Pulsar"
            + " unauthenticated: they never get the platform's credentials. Set through Magnetar's API and documents"
            + " only; Pulsar's Functions API has no such field, and an update through it keeps this one.")
    private PulsarAuthSpec pulsarAuth;
    private Map<String, String> env;
    private ResourcesSpec resources;
    private PodOverlay pod;
    private Boolean cleanupSubscription;
    /** Only false is accepted (documents that write it still read): replicas get no service account token. */
    @ValidationRule(value = ReplicaPodRules.AUTOMOUNT_RULE, message = ReplicaPodRules.AUTOMOUNT_MESSAGE)
    private Boolean automountServiceAccountToken;
    /** As Pulsar's autoAck: false leaves acking to the function ({@code Context.getCurrentRecord().ack()}). */
    private Boolean autoAck;
    /** Makes the function a window function, as Pulsar's windowConfig. */
    private WindowSpec window;

    public String getTenant() { return tenant; }
    public void setTenant(String tenant) { this.tenant = tenant; }
    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public RuntimeSpec getRuntime() { return runtime; }
    public void setRuntime(RuntimeSpec runtime) { this.runtime = runtime; }
    public List<String> getInputs() { return inputs; }
    public void setInputs(List<String> inputs) { this.inputs = inputs; }
    public String getTopicsPattern() { return topicsPattern; }
    public void setTopicsPattern(String topicsPattern) { this.topicsPattern = topicsPattern; }
    public String getOutput() { return output; }
    public void setOutput(String output) { this.output = output; }
    public String getLogTopic() { return logTopic; }
    public void setLogTopic(String logTopic) { this.logTopic = logTopic; }
    public Map<String, InputSpec> getInputSpecs() { return inputSpecs; }
    public void setInputSpecs(Map<String, InputSpec> inputSpecs) { this.inputSpecs = inputSpecs; }
    public String getOutputSchemaType() { return outputSchemaType; }
    public void setOutputSchemaType(String outputSchemaType) { this.outputSchemaType = outputSchemaType; }
    public String getOutputSerdeClassName() { return outputSerdeClassName; }
    public void setOutputSerdeClassName(String outputSerdeClassName) { this.outputSerdeClassName = outputSerdeClassName; }
    public Map<String, String> getOutputSchemaProperties() { return outputSchemaProperties; }
    public void setOutputSchemaProperties(Map<String, String> outputSchemaProperties) {
        this.outputSchemaProperties = outputSchemaProperties;
    }
    public SubscriptionSpec getSubscription() { return subscription; }
    public void setSubscription(SubscriptionSpec subscription) { this.subscription = subscription; }
    public ProcessingGuarantee getProcessingGuarantee() { return processingGuarantee; }
    public void setProcessingGuarantee(ProcessingGuarantee processingGuarantee) { this.processingGuarantee = processingGuarantee; }
    public Integer getMaxRedeliveries() { return maxRedeliveries; }
    public void setMaxRedeliveries(Integer maxRedeliveries) { this.maxRedeliveries = maxRedeliveries; }
    public String getDeadLetterTopic() { return deadLetterTopic; }
    public void setDeadLetterTopic(String deadLetterTopic) { this.deadLetterTopic = deadLetterTopic; }
    public Long getTimeoutMs() { return timeoutMs; }
    public void setTimeoutMs(Long timeoutMs) { this.timeoutMs = timeoutMs; }
    public Integer getConcurrency() { return concurrency; }
    public void setConcurrency(Integer concurrency) { this.concurrency = concurrency; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public AutoscalingSpec getAutoscaling() { return autoscaling; }
    public void setAutoscaling(AutoscalingSpec autoscaling) { this.autoscaling = autoscaling; }
    public Map<String, Object> getUserConfig() { return userConfig; }
    public void setUserConfig(Map<String, Object> userConfig) { this.userConfig = userConfig; }
    public Map<String, SecretRef> getSecrets() { return secrets; }
    public void setSecrets(Map<String, SecretRef> secrets) { this.secrets = secrets; }
    public PulsarAuthSpec getPulsarAuth() { return pulsarAuth; }
    public void setPulsarAuth(PulsarAuthSpec pulsarAuth) { this.pulsarAuth = pulsarAuth; }
    public Map<String, String> getEnv() { return env; }
    public void setEnv(Map<String, String> env) { this.env = env; }
    public ResourcesSpec getResources() { return resources; }
    public void setResources(ResourcesSpec resources) { this.resources = resources; }
    public PodOverlay getPod() { return pod; }
    public void setPod(PodOverlay pod) { this.pod = pod; }
    public Boolean getCleanupSubscription() { return cleanupSubscription; }
    public void setCleanupSubscription(Boolean cleanupSubscription) { this.cleanupSubscription = cleanupSubscription; }
    public Boolean getAutomountServiceAccountToken() { return automountServiceAccountToken; }
    public void setAutomountServiceAccountToken(Boolean automountServiceAccountToken) {
        this.automountServiceAccountToken = automountServiceAccountToken;
    }

    public Boolean getAutoAck() { return autoAck; }
    public void setAutoAck(Boolean autoAck) { this.autoAck = autoAck; }
    public WindowSpec getWindow() { return window; }
    public void setWindow(WindowSpec window) { this.window = window; }

    /** Schema stand-in for free-form maps: an object whose values Kubernetes does not check. */
    private static final class FreeForm {
    }
}
