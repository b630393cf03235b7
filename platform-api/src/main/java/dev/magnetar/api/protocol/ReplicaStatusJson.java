package dev.magnetar.api.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link ReplicaStatusReport} as JSON. Unknown fields are ignored, so a control plane can read the
 * report of a newer replica during a rolling update.
 */
public final class ReplicaStatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ReplicaStatusJson() {
    }

    public static String write(ReplicaStatusReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the replica status report: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a status report */
    public static ReplicaStatusReport read(String json) {
        try {
            return MAPPER.readValue(json, ReplicaStatusReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a replica status report: " + e.getOriginalMessage(), e);
        }
    }
}
