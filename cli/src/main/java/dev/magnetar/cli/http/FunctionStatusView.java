package dev.magnetar.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The status answer of the admin API: {@code {numInstances, numRunning, instances: [...], error}}. During an update
 * the replica being replaced and its successor are both listed; {@code error} says why the function is not wholly
 * in effect (it failed at start-up, or its last update was rolled back), or is null.
 */
public record FunctionStatusView(int numInstances, int numRunning, List<Instance> instances, String error,
                                 Autoscaling autoscaling) {

    /** What the autoscaler says; null for a function with a fixed replica count. */
    public record Autoscaling(int desiredReplicas, boolean idle, String lastScale) {
        static Autoscaling from(JsonNode node) {
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            JsonNode last = node.path("lastScale");
            String lastScale = last.isMissingNode() || last.isNull() ? null : last.path("from").asInt() + " -> "
                    + last.path("to").asInt() + " at " + last.path("time").asText() + ": " + last.path("reason").asText();
            return new Autoscaling(node.path("desiredReplicas").asInt(), node.path("idle").asBoolean(), lastScale);
        }
    }

    /** One replica as the control plane sees it; pid -1 when it has no process. */
    public record Instance(int instanceId, String state, long pid, int restarts, boolean ready, String lastError) {
    }

    static FunctionStatusView from(JsonNode tree) {
        List<Instance> instances = new ArrayList<>();
        for (JsonNode node : tree.path("instances")) {
            JsonNode error = node.path("lastError");
            instances.add(new Instance(
                    node.path("instanceId").asInt(),
                    node.path("state").asText("UNKNOWN"),
                    node.path("pid").asLong(-1),
                    node.path("restarts").asInt(),
                    node.path("ready").asBoolean(),
                    error.isNull() || error.isMissingNode() ? null : error.asText()));
        }
        JsonNode error = tree.path("error");
        return new FunctionStatusView(tree.path("numInstances").asInt(instances.size()),
                tree.path("numRunning").asInt(), List.copyOf(instances),
                error.isNull() || error.isMissingNode() ? null : error.asText(),
                Autoscaling.from(tree.path("autoscaling")));
    }
}
