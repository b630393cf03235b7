package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/** What the control plane observed; written only by the control plane. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FunctionStatus {
    private List<Condition> conditions = new ArrayList<>();
    private Long observedGeneration;
    @StatusReplicas
    private Integer replicas;
    private Integer readyReplicas;
    @LabelSelector
    private String selector;
    /**
     * The replica count wanted now: the spec's for a fixed count, the autoscaler's last decision when it owns the
     * count ({@code kubectl get} shows it as DESIRED next to the replicas running, CURRENT).
     */
    private Integer desiredReplicas;
    private Long backlog;
    /** The autoscaler's last change of the replica count. */
    private ScaleEvent lastScale;
    /** SHA-256 (hex) of the function's jar as accepted; every replica checks its jar against it before loading it. */
    private String packageSha256;

    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Integer getReadyReplicas() { return readyReplicas; }
    public void setReadyReplicas(Integer readyReplicas) { this.readyReplicas = readyReplicas; }
    public String getSelector() { return selector; }
    public void setSelector(String selector) { this.selector = selector; }
    public Integer getDesiredReplicas() { return desiredReplicas; }
    public void setDesiredReplicas(Integer desiredReplicas) { this.desiredReplicas = desiredReplicas; }
    public ScaleEvent getLastScale() { return lastScale; }
    public void setLastScale(ScaleEvent lastScale) { this.lastScale = lastScale; }
    public Long getBacklog() { return backlog; }
    public void setBacklog(Long backlog) { this.backlog = backlog; }
    public String getPackageSha256() { return packageSha256; }
    public void setPackageSha256(String packageSha256) { this.packageSha256 = packageSha256; }
}
