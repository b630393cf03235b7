package dev.magnetar.controlplane.api.pulsar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.apache.pulsar.common.functions.Resources;

/**
 * Pulsar's {@link Resources} fills an amount the JSON leaves out with its default (1 core, 1 GiB, 10 GiB); read
 * here, left out stays left out. Otherwise a function with only a memory limit would gain a 1-core cpu limit from
 * an update that did not mention cpu, or from sending back what a {@code GET} answered.
 */
final class ResourcesAsSent extends StdDeserializer<Resources> {
    private static final long serialVersionUID = 1L;

    ResourcesAsSent() {
        super(Resources.class);
    }

    @Override
    public Resources deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        return new Resources(amount(context, node, "cpu", Double.class), amount(context, node, "ram", Long.class),
                amount(context, node, "disk", Long.class));
    }

    private static <T> T amount(DeserializationContext context, JsonNode node, String field, Class<T> type)
            throws IOException {
        JsonNode value = node.get(field);
        try {
            return value == null || value.isNull() ? null : context.readTreeAsValue(value, type);
        } catch (JsonMappingException e) {
            throw JsonMappingException.wrapWithPath(e, Resources.class, field); // so the error names resources.cpu
        }
    }
}
