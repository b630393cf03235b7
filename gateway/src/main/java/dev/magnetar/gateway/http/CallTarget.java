package dev.magnetar.gateway.http;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.gateway.schema.InputFormat;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * Where a call goes and what it sends, as synchronous and asynchronous calls both check it: a known function that
 * answers calls (not a window function), a body within the limit, an input topic to send to. Otherwise the answer
 * that refuses the call.
 *
 * @param function the called function, or null when refused
 * @param topic    its input topic, or null when refused
 * @param payload  the body, empty when none was sent
 * @param refusal  the answer when the call cannot go ahead, else null
 */
record CallTarget(ResolvedFunction function, String topic, byte[] payload, MutableHttpResponse<?> refusal) {

    static CallTarget resolve(FunctionDirectory directory, GatewayConfig config, String tenant, String namespace,
                              String name, byte[] body) {
        String fqfn = FunctionNames.fqfn(tenant, namespace, name);
        Optional<ResolvedFunction> function = directory.find(tenant, namespace, name);
        if (function.isEmpty()) {
            return refused(GatewayResponses.notFound(fqfn));
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (payload.length > config.maxBodyBytes()) {
            return refused(GatewayResponses.tooLarge(payload.length, config.maxBodyBytes()));
        }
        Optional<String> topic = function.get().requestTopic();
        if (topic.isEmpty()) {
            return refused(GatewayResponses.badRequest("function " + fqfn + " reads a topic pattern and has no input"
                    + " topic to send a request to: give it an input in spec.inputs to invoke it over HTTP"));
        }
        if (function.get().window() != null) {
            // Its results come per window, never as the answer to one message: a call would only time out.
            return refused(GatewayResponses.badRequest("function " + fqfn + " is a window function: it writes each"
                    + " window's result to its output topic and answers no call; publish to its input topic "
                    + topic.get() + " instead"));
        }
        return new CallTarget(function.get(), topic.get(), payload, null);
    }

    boolean refused() {
        return refusal != null;
    }

    static String contentType(HttpRequest<?> request) {
        return request.getContentType().map(MediaType::toString).orElse(MediaType.APPLICATION_OCTET_STREAM);
    }

    /**
     * The body as the input topic's schema takes it: as it came for a topic without one (no work), else converted.
     *
     * @throws dev.magnetar.gateway.schema.BodyRejectedException when it does not fit the schema
     */
    static byte[] payload(InputFormat format, CallTarget target, HttpRequest<?> request) {
        if (format.raw()) {
            return target.payload();
        }
        String declared = request.getHeaders().get(io.micronaut.http.HttpHeaders.CONTENT_TYPE);
        return format.convert(target.payload(), declared, target.topic());
    }

    /** The content type the request message carries: the caller's, but JSON converted to binary says so. */
    static String contentType(InputFormat format, HttpRequest<?> request) {
        if (format.raw() || format.type() == org.apache.pulsar.common.schema.SchemaType.JSON) {
            return contentType(request);
        }
        return format.type() == org.apache.pulsar.common.schema.SchemaType.PROTOBUF
                || format.type() == org.apache.pulsar.common.schema.SchemaType.PROTOBUF_NATIVE
                ? InputFormat.PROTOBUF : MediaType.APPLICATION_OCTET_STREAM;
    }

    static Map<String, String> traceContext(HttpRequest<?> request) {
        String traceparent = request.getHeaders().get(MessageProperties.TRACEPARENT);
        return traceparent == null ? Map.of() : Map.of(MessageProperties.TRACEPARENT, traceparent);
    }

    private static CallTarget refused(MutableHttpResponse<?> refusal) {
        return new CallTarget(null, null, null, refusal);
    }
}
