package dev.magnetar.bridge.gateway;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.bridge.reply.RequestReplyClient;
import dev.magnetar.bridge.reply.RequestReplySettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.pulsar.client.api.PulsarClient;

/** The gateway's request/reply client; present when the application provides a {@link FunctionDirectory}. */
@Factory
@Requires(beans = FunctionDirectory.class)
public class GatewayFactory {

    @Singleton
    @Bean(preDestroy = "close")
    public RequestReplyClient requestReplyClient(PulsarClient client, GatewayConfig config) {
        String replyTopic = FunctionNames.replyTopic(config.replyTenant(), config.replyNamespace(), config.gatewayId());
        return new RequestReplyClient(client,
                new RequestReplySettings(replyTopic, config.maxPending(), config.maxProducers()));
    }
}
