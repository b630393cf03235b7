package dev.magnetar.gateway.http;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.gateway.reply.RequestReplyClient;
import dev.magnetar.gateway.reply.RequestReplySettings;
import dev.magnetar.gateway.schema.InputSchemas;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * The request/reply client of the gateway and of the admin API's trigger; present when the
 * application provides a {@link FunctionDirectory}, also with the gateway switched off.
 */
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

    /** The input topics' schemas, by which request bodies are converted. */
    @Singleton
    public InputSchemas inputSchemas(PulsarClient client, GatewayConfig config) {
        return InputSchemas.of(client, config.inputSchemaTtl());
    }
}
