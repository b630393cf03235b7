package dev.magnetar.gateway.http;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.gateway.reply.RequestReplyClient;
import dev.magnetar.gateway.reply.RequestReplySettings;
import dev.magnetar.gateway.schema.InputSchemas;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
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

    public static final String PENDING_METRIC = "magnetar.gateway.pending";
    public static final String LATE_REPLIES_METRIC = "magnetar.gateway.replies.late";

    /** Also on the application's Micrometer registry: the calls waiting for a reply, and the replies that came late. */
    @Singleton
    @Bean(preDestroy = "close")
    public RequestReplyClient requestReplyClient(PulsarClient client, GatewayConfig config,
                                                 BeanProvider<MeterRegistry> registry) {
        String replyTopic = FunctionNames.replyTopic(config.replyTenant(), config.replyNamespace(), config.gatewayId());
        RequestReplyClient requests = new RequestReplyClient(client,
                new RequestReplySettings(replyTopic, config.maxPending(), config.maxProducers()));
        registry.ifPresent(meters -> {
            Gauge.builder(PENDING_METRIC, requests, RequestReplyClient::pendingCount)
                    .description("calls waiting for a function's reply; at most magnetar.gateway.max-pending")
                    .register(meters);
            FunctionCounter.builder(LATE_REPLIES_METRIC, requests, RequestReplyClient::lateReplies)
                    .description("replies dropped because their call had timed out")
                    .register(meters);
        });
        return requests;
    }

    /** The input topics' schemas, by which request bodies are converted. */
    @Singleton
    public InputSchemas inputSchemas(PulsarClient client, GatewayConfig config) {
        return InputSchemas.of(client, config.inputSchemaTtl());
    }
}
