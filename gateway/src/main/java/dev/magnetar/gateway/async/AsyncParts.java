package dev.magnetar.gateway.async;

import dev.magnetar.gateway.reply.RequestReplyClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * What {@link AsyncCalls} are made of, besides their settings.
 *
 * @param client        the application's Pulsar client
 * @param admin         the admin client, to make the calls topic a compacted one; empty leaves that to the operator
 * @param requests      sends the calls' requests, as it does synchronous ones
 * @param topics        the shared topics
 * @param callbackHosts where callbacks may go
 * @param resultFormat  how a reply becomes a result
 * @param registry      where the metrics go
 */
public record AsyncParts(PulsarClient client, Optional<PulsarAdmin> admin, RequestReplyClient requests,
                         AsyncTopics topics, CallbackHosts callbackHosts, ResultFormat resultFormat,
                         MeterRegistry registry) {
}
