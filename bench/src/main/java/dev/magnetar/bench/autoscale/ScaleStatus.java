package dev.magnetar.bench.autoscale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What the autoscaling scenarios read of a function's {@code .../status} answer.
 *
 * @param numInstances    the replicas the control plane is running or starting
 * @param instances       replica processes listed
 * @param ready           of those, the ones ready for messages
 * @param backlog         the input subscription's backlog, in messages
 * @param desiredReplicas the replicas the autoscaler wants; {@code numInstances} for a function it does not scale
 * @param idle            whether the autoscaler keeps the function at zero until a call or a message
 * @param pids            the listed replicas' process ids
 */
record ScaleStatus(int numInstances, int instances, int ready, long backlog, int desiredReplicas, boolean idle,
                   List<Long> pids) {
    private static final ObjectMapper JSON = new ObjectMapper();

    ScaleStatus {
        pids = List.copyOf(pids);
    }

    static ScaleStatus parse(String json) {
        JsonNode status;
        try {
            status = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the function's status is not JSON: " + json, e);
        }
        int ready = 0;
        List<Long> pids = new ArrayList<>();
        for (JsonNode instance : status.path("instances")) {
            ready += instance.path("ready").asBoolean() ? 1 : 0;
            if (instance.path("pid").asLong() > 0) {
                pids.add(instance.path("pid").asLong());
            }
        }
        int numInstances = status.path("numInstances").asInt();
        JsonNode autoscaling = status.path("autoscaling");
        return new ScaleStatus(numInstances, status.path("instances").size(), ready, status.path("backlog").asLong(),
                autoscaling.isObject() ? autoscaling.path("desiredReplicas").asInt() : numInstances,
                autoscaling.path("idle").asBoolean(), pids);
    }

    /** The most replicas this answer shows in any form: wanted, counted or listed. */
    int replicasSeen() {
        return Math.max(desiredReplicas, Math.max(numInstances, instances));
    }

    /** At zero: the autoscaler wants no replica and none is listed any more. */
    boolean atZero() {
        return idle && instances == 0;
    }
}
