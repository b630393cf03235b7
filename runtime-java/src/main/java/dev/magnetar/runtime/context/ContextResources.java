package dev.magnetar.runtime.context;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.runtime.state.ReplicaState;
import dev.magnetar.runtime.state.StateCalls;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.Logger;

/**
 * What every {@link FunctionContext} of one replica shares.
 *
 * @param function   the resolved definition
 * @param version    the definition's version (its generation), as Pulsar's getFunctionVersion
 * @param instanceId this replica's id
 * @param client     the replica's Pulsar client; null when running without Pulsar (tests)
 * @param publisher  producers for newOutputMessage/publish, and the output's schema type; null without Pulsar
 * @param metrics    where recordMetric goes
 * @param logger     the function's logger
 * @param secrets    where getSecret looks: the process environment, where the platform puts secrets
 * @param onFatal    what Context.fatal does: stop the replica with an error
 * @param cluster    what getPulsarAdmin and getPulsarClientBuilder give: the cluster with the function's own token
 * @param state      the function's state (counters and values), opened on first use
 */
public record ContextResources(
        ResolvedFunction function,
        String version,
        int instanceId,
        PulsarClient client,
        Publisher publisher,
        RuntimeMetrics metrics,
        Logger logger,
        Map<String, String> secrets,
        Consumer<Throwable> onFatal,
        ClusterAccess cluster,
        StateCalls state) {

    /** Without access to the cluster beyond {@code client} and without state storage (a context outside a replica). */
    public ContextResources(ResolvedFunction function, String version, int instanceId, PulsarClient client,
                            Publisher publisher, RuntimeMetrics metrics, Logger logger, Map<String, String> secrets,
                            Consumer<Throwable> onFatal) {
        this(function, version, instanceId, client, publisher, metrics, logger, secrets, onFatal, ClusterAccess.none(),
                new StateCalls(ReplicaState.none(new StateScope(function.tenant(), function.namespace(),
                        function.name()))));
    }

    /** Without the secrets (the whole environment, the Pulsar token among them), which a record's toString prints. */
    @Override
    public String toString() {
        return "ContextResources[function=" + function.fqfn() + ", version=" + version + ", instanceId=" + instanceId
                + "]";
    }
}
