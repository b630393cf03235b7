package dev.magnetar.gateway.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises {@code micronaut.server.max-request-size} to {@code magnetar.gateway.max-body-bytes} when
 * it is lower, so the gateway's own limit, with its clearer 413, is the one callers meet.
 */
@Singleton
@Requires(beans = FunctionDirectory.class)
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class RequestSizeAlignment implements BeanCreatedEventListener<HttpServerConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestSizeAlignment.class);

    private final GatewayConfig gateway;

    public RequestSizeAlignment(GatewayConfig gateway) {
        this.gateway = gateway;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        if (server.getMaxRequestSize() < gateway.maxBodyBytes()) {
            LOG.info("Raising micronaut.server.max-request-size from {} to {} bytes to match {}.max-body-bytes",
                    server.getMaxRequestSize(), gateway.maxBodyBytes(), GatewayConfig.PREFIX);
            server.setMaxRequestSize(gateway.maxBodyBytes());
        }
        return server;
    }
}
