package dev.magnetar.gateway.async;

import dev.magnetar.api.naming.FunctionNames;

/**
 * The topics of asynchronous calls, shared by every gateway instance.
 *
 * @param results where replicas publish results, read on one Shared subscription
 * @param calls   the compacted topic of kept calls
 */
public record AsyncTopics(String results, String calls) {
    public static AsyncTopics in(String tenant, String namespace) {
        return new AsyncTopics(FunctionNames.asyncResultsTopic(tenant, namespace),
                FunctionNames.asyncCallsTopic(tenant, namespace));
    }
}
