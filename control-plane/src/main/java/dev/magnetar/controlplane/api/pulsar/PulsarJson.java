package dev.magnetar.controlplane.api.pulsar;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.functions.FunctionState;
import org.apache.pulsar.common.functions.Resources;
import org.apache.pulsar.packages.management.core.common.PackageMetadata;

/**
 * JSON as Pulsar's admin client writes and reads it: properties are the classes' field names (the
 * client serialises {@link FunctionConfig} with Gson, field by field), nulls left out, and fields
 * this server does not know ignored, as Pulsar's workers do.
 */
final class PulsarJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule().addDeserializer(Resources.class, new ResourcesAsSent()));

    private PulsarJson() {
    }

    static FunctionConfig readConfig(String json) {
        if (json == null || json.isBlank()) {
            throw new PulsarConfigException("functionConfig", "is missing: send the function's config as the"
                    + " multipart part 'functionConfig' (JSON)");
        }
        try {
            FunctionConfig config = MAPPER.readValue(json, FunctionConfig.class);
            if (config == null) {
                throw new PulsarConfigException("functionConfig", "is null: send a JSON object");
            }
            return config;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new PulsarConfigException(field.isEmpty() ? "functionConfig" : field,
                    "has a value that is not valid: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new PulsarConfigException("functionConfig", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A {@code putstate} request's {@code state} part. */
    static FunctionState readState(String json) {
        if (json == null || json.isBlank()) {
            throw new PulsarConfigException("state", "is missing: send the value as the multipart part 'state'"
                    + " (FunctionState JSON: key, stringValue or byteValue)");
        }
        try {
            FunctionState state = MAPPER.readValue(json, FunctionState.class);
            if (state == null) {
                throw new PulsarConfigException("state", "is null: send a JSON object");
            }
            return state;
        } catch (JsonProcessingException e) {
            throw new PulsarConfigException("state", "is not valid FunctionState JSON: " + e.getOriginalMessage());
        }
    }

    /** The {@code metadata} of a package upload or metadata update, as Pulsar's admin client writes it. */
    static PackageMetadata readPackageMetadata(String json) {
        if (json == null || json.isBlank()) {
            throw new PulsarConfigException("metadata", "is missing: send the package's metadata (JSON: description,"
                    + " contact, properties), as pulsar-admin packages upload --description does");
        }
        try {
            PackageMetadata metadata = MAPPER.readValue(json, PackageMetadata.class);
            if (metadata == null) {
                throw new PulsarConfigException("metadata", "is null: send a JSON object");
            }
            return metadata;
        } catch (JsonProcessingException e) {
            throw new PulsarConfigException("metadata", "is not valid package metadata JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code existing} with every field {@code update} sets replaced, as Pulsar merges an update. */
    static FunctionConfig merge(FunctionConfig existing, FunctionConfig update) {
        ObjectNode merged = MAPPER.valueToTree(existing);
        merged.setAll((ObjectNode) MAPPER.valueToTree(update));
        return MAPPER.convertValue(merged, FunctionConfig.class);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
