package dev.magnetar.gateway.http;

import dev.magnetar.gateway.async.AsyncCalls;
import dev.magnetar.gateway.async.AsyncConfig;
import dev.magnetar.gateway.async.AsyncParts;
import dev.magnetar.gateway.async.AsyncTopics;
import dev.magnetar.gateway.async.CallbackHosts;
import dev.magnetar.gateway.reply.RequestReplyClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import java.util.Optional;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous calls of the gateway, started with the application (not on the first call): this instance takes its
 * share of the results from the start, also of calls other instances accepted.
 */
@Factory
@Requires(beans = FunctionDirectory.class)
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class AsyncFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncFactory.class);

    @Context
    @Bean(preDestroy = "close")
    public AsyncCalls asyncCalls(PulsarClient client, BeanProvider<PulsarAdmin> admin, RequestReplyClient requests,
                                 GatewayConfig gateway, AsyncConfig config, JsonMapper json,
                                 BeanProvider<MeterRegistry> registry) {
        AsyncParts parts = new AsyncParts(client, admin(admin), requests,
                AsyncTopics.in(gateway.replyTenant(), gateway.replyNamespace()),
                new CallbackHosts(gateway.callbackHosts()),
                (call, reply, finishedAt) -> AsyncAnswers.result(json, call, reply, finishedAt),
                registry.find(null).orElseGet(SimpleMeterRegistry::new));
        return AsyncCalls.open(parts, config);
    }

    private static Optional<PulsarAdmin> admin(BeanProvider<PulsarAdmin> admin) {
        try {
            return admin.find(null);
        } catch (RuntimeException e) {
            LOG.warn("No Pulsar admin client ({}): the asynchronous calls' topic is compacted as its namespace says",
                    e.getMessage());
            return Optional.empty();
        }
    }
}
