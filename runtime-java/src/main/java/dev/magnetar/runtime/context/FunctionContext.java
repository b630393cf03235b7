package dev.magnetar.runtime.context;

import dev.magnetar.runtime.state.StateCalls;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.ConsumerBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.apache.pulsar.functions.api.Record;
import org.apache.pulsar.functions.api.utils.FunctionRecord;
import org.slf4j.Logger;

/**
 * The {@link org.apache.pulsar.functions.api.Context} a function sees. One is made per
 * invocation (cheap: it points at the replica's shared resources and the current record), so
 * {@link #getCurrentRecord()} is right even with many messages in flight at once.
 */
public final class FunctionContext extends StatefulContext {
    private final ContextResources shared;
    private final Record<?> record;

    public FunctionContext(ContextResources shared, Record<?> record) {
        this.shared = shared;
        this.record = record;
    }

    /** The context {@code initialize} gets: no current record. */
    public static FunctionContext forLifecycle(ContextResources shared) {
        return new FunctionContext(shared, null);
    }

    @Override
    public String getTenant() {
        return shared.function().tenant();
    }

    @Override
    public String getNamespace() {
        return shared.function().namespace();
    }

    @Override
    public String getFunctionName() {
        return shared.function().name();
    }

    /** Pulsar uses a UUID here; the fully qualified name identifies a Magnetar function. */
    @Override
    public String getFunctionId() {
        return shared.function().fqfn();
    }

    @Override
    public String getFunctionVersion() {
        return shared.version();
    }

    @Override
    public int getInstanceId() {
        return shared.instanceId();
    }

    @Override
    public int getNumInstances() {
        return shared.function().replicas();
    }

    @Override
    public Collection<String> getInputTopics() {
        return shared.function().inputs();
    }

    @Override
    public String getOutputTopic() {
        return shared.function().output();
    }

    /** The output's schema type as named in the definition, else the one picked for the function's result type. */
    @Override
    public String getOutputSchemaType() {
        return shared.publisher() == null ? "" : shared.publisher().outputSchemaType();
    }

    @Override
    public Record<?> getCurrentRecord() {
        if (record == null) {
            throw new IllegalStateException("Context.getCurrentRecord: there is no current record outside process()");
        }
        return record;
    }

    @Override
    public Map<String, Object> getUserConfigMap() {
        return shared.function().userConfig();
    }

    @Override
    public Optional<Object> getUserConfigValue(String key) {
        return Optional.ofNullable(shared.function().userConfig().get(key));
    }

    @Override
    public Object getUserConfigValueOrDefault(String key, Object defaultValue) {
        return getUserConfigValue(key).orElse(defaultValue);
    }

    @Override
    public Logger getLogger() {
        return shared.logger();
    }

    /** Secrets reach a replica as environment variables; the key names the variable. */
    @Override
    public String getSecret(String secretName) {
        return shared.secrets().get(secretName);
    }

    @Override
    public void recordMetric(String metricName, double value) {
        shared.metrics().userMetric(metricName, value);
    }

    @Override
    public PulsarClient getPulsarClient() {
        return requireClient("getPulsarClient");
    }

    /** An admin client for the cluster that acts with the function's own token, allowed what its role is granted. */
    @Override
    public PulsarAdmin getPulsarAdmin() {
        return shared.cluster().admin();
    }

    /** A new builder configured like the replica's client (service URL, the function's token, TLS trust). */
    @Override
    public ClientBuilder getPulsarClientBuilder() {
        return shared.cluster().clientBuilder();
    }

    @Override
    public <X> TypedMessageBuilder<X> newOutputMessage(String topicName, Schema<X> schema) throws PulsarClientException {
        requireClient("newOutputMessage");
        return shared.publisher().producer(topicName, schema).newMessage();
    }

    /** With the schema the topic's registered schema and the value's class give, as in Pulsar. */
    @Override
    public <X> CompletableFuture<Void> publish(String topicName, X object) {
        return publish(topicName, object, "");
    }

    /** With a schema type (e.g. AVRO), a schema or SerDe class of the function's jar, or blank for the default. */
    @Override
    public <X> CompletableFuture<Void> publish(String topicName, X object, String schemaOrSerdeClassName) {
        requireClient("publish");
        if (object == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Context.publish: the value is null"));
        }
        return shared.publisher().publish(topicName, object, schemaOrSerdeClassName).thenApply(id -> null);
    }

    @Override
    public <X> ConsumerBuilder<X> newConsumerBuilder(Schema<X> schema) {
        return requireClient("newConsumerBuilder").newConsumer(schema);
    }

    @Override
    public <X> FunctionRecord.FunctionRecordBuilder<X> newOutputRecordBuilder(Schema<X> schema) {
        return FunctionRecord.from(this, schema);
    }

    @Override
    StateCalls stateCalls() {
        return shared.state();
    }

    @Override
    public void fatal(Throwable t) {
        shared.onFatal().accept(t);
    }

    private PulsarClient requireClient(String method) {
        if (shared.client() == null) {
            throw new IllegalStateException("Context." + method + ": this replica runs without a Pulsar connection");
        }
        return shared.client();
    }
}
