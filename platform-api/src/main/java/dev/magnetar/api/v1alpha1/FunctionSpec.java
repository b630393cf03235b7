package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a user declares. Plain data, no logic: defaults are applied by
 * {@link dev.magnetar.api.naming.ResolvedFunction}, checks by
 * {@link dev.magnetar.api.validation.FunctionValidator}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FunctionSpec {
    private String tenant;
    private String namespace;
    private RuntimeSpec runtime;
    private List<String> inputs;
    private String topicsPattern;
    private String output;
    private SubscriptionSpec subscription;
    private ProcessingGuarantee processingGuarantee;
    private Integer maxRedeliveries;
    private String deadLetterTopic;
    private Long timeoutMs;
    private Integer concurrency;
    private Integer replicas;
    private AutoscalingSpec autoscaling;
    private Map<String, Object> userConfig;
    private Map<String, SecretRef> secrets;
    private Map<String, String> env;
    private ResourcesSpec resources;
    private PodOverlay pod;
    private Boolean cleanupSubscription;
    private Boolean automountServiceAccountToken;

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
}
