package dev.magnetar.runtime.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns message bytes into the function's declared input type and its result back into bytes:
 * {@code String} as UTF-8, {@code byte[]} and {@code ByteBuffer} as they are, anything else as JSON.
 */
public final class PayloadCodec {
    /** Inputs evolve: a field a function does not know is ignored, not an error. */
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();
    private final Type inputType;
    private final JavaType jsonInput;

    public PayloadCodec(Type inputType) {
        this.inputType = inputType;
        this.jsonInput = isRaw(inputType) ? null : json.constructType(inputType);
    }

    public Object decode(byte[] bytes) {
        if (inputType == String.class) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (inputType == byte[].class) {
            return bytes;
        }
        if (inputType == ByteBuffer.class) {
            return ByteBuffer.wrap(bytes);
        }
        try {
            return json.readValue(bytes, jsonInput);
        } catch (IOException e) {
            throw new PayloadException("the input is not JSON for " + jsonInput.toCanonical() + ": "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** Encodes a result; null stays null (nothing to publish). */
    public Payload encode(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return Payload.encoded(text.getBytes(StandardCharsets.UTF_8), Payload.TEXT);
        }
        if (value instanceof byte[] bytes) {
            return Payload.encoded(bytes, Payload.BINARY);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return Payload.encoded(bytes, Payload.BINARY);
        }
        try {
            return Payload.encoded(json.writeValueAsBytes(value), Payload.JSON);
        } catch (IOException e) {
            throw new PayloadException("cannot write the result (" + value.getClass().getName() + ") as JSON: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isRaw(Type type) {
        return type == String.class || type == byte[].class || type == ByteBuffer.class;
    }
}
