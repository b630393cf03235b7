package dev.magnetar.runtime.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.state.CounterStateStore;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FunctionContextTest {
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final RuntimeMetrics metrics = new RuntimeMetrics("public/default/ctx", 1);

    private ContextResources resources() {
        var function = Definitions.define("ctx", "a.B", Path.of("/x.jar"), "in", "out");
        function.getSpec().setUserConfig(new java.util.LinkedHashMap<>(Map.of("greeting", "hi", "limit", 3)));
        function.getSpec().setReplicas(4);
        return new ContextResources(ResolvedFunction.of(function), "7", 1, null, null, metrics,
                LoggerFactory.getLogger("public/default/ctx"), Map.of("DB_PASSWORD", "s3cret"), fatal::set);
    }

    @Test
    void describesTheFunctionAndThisInstance() {
        Context context = new FunctionContext(resources(), InvocationRecord.direct("v", Map.of("k", "p")));
        assertThat(context.getTenant()).isEqualTo("public");
        assertThat(context.getNamespace()).isEqualTo("default");
        assertThat(context.getFunctionName()).isEqualTo("ctx");
        assertThat(context.getFunctionId()).isEqualTo("public/default/ctx");
        assertThat(context.getFunctionVersion()).isEqualTo("7");
        assertThat(context.getInstanceId()).isEqualTo(1);
        assertThat(context.getNumInstances()).isEqualTo(4);
        assertThat(context.getInputTopics()).containsExactly("persistent://public/default/in");
        assertThat(context.getOutputTopic()).isEqualTo("persistent://public/default/out");
        assertThat(context.getLogger().getName()).isEqualTo("public/default/ctx");
        assertThat(context.getCurrentRecord().getValue()).isEqualTo("v");
        assertThat(context.getCurrentRecord().getProperties()).containsEntry("k", "p");
    }

    @Test
    void servesUserConfigAndSecrets() {
        Context context = FunctionContext.forLifecycle(resources());
        assertThat(context.getUserConfigMap()).containsEntry("greeting", "hi");
        assertThat(context.getUserConfigValue("limit")).contains(3);
        assertThat(context.getUserConfigValue("missing")).isEmpty();
        assertThat(context.getUserConfigValueOrDefault("missing", "d")).isEqualTo("d");
        assertThat(context.getSecret("DB_PASSWORD")).isEqualTo("s3cret");
        assertThat(context.getSecret("NOPE")).isNull();
        assertThat(resources().toString()).contains("public/default/ctx").doesNotContain("s3cret");
    }

    @Test
    void recordsUserMetricsAndReportsFatalErrors() {
        Context context = FunctionContext.forLifecycle(resources());
        context.recordMetric("cache_hits", 2);
        assertThat(metrics.scrape()).contains("magnetar_user_metric_sum{function=\"public/default/ctx\",instance=\"1\",name=\"cache_hits\"} 2.0");
        IllegalStateException boom = new IllegalStateException("boom");
        context.fatal(boom);
        assertThat(fatal.get()).isSameAs(boom);
    }

    @Test
    void hasNoCurrentRecordDuringInitialize() {
        assertThatThrownBy(() -> FunctionContext.forLifecycle(resources()).getCurrentRecord())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("getCurrentRecord");
    }

    @Test
    void everyStateMethodFailsNamingTheSettingWithoutStateStorage() {
        Context context = FunctionContext.forLifecycle(resources());
        Map<String, Consumer<Context>> calls = Map.ofEntries(
                Map.entry("putState", c -> c.putState("k", ByteBuffer.allocate(1))),
                Map.entry("putStateAsync", c -> c.putStateAsync("k", ByteBuffer.allocate(1)).join()),
                Map.entry("getState", c -> c.getState("k")),
                Map.entry("getStateAsync", c -> c.getStateAsync("k").join()),
                Map.entry("deleteState", c -> c.deleteState("k")),
                Map.entry("deleteStateAsync", c -> c.deleteStateAsync("k").join()),
                Map.entry("incrCounter", c -> c.incrCounter("k", 1)),
                Map.entry("incrCounterAsync", c -> c.incrCounterAsync("k", 1).join()),
                Map.entry("getCounter", c -> c.getCounter("k")),
                Map.entry("getCounterAsync", c -> c.getCounterAsync("k").join()),
                Map.entry("getStateStore", c -> c.<CounterStateStore>getStateStore("ctx").getCounter("k")));
        calls.forEach((method, call) -> assertThatThrownBy(() -> call.accept(context)).as(method)
                .hasMessageContaining("function state is not available")
                .hasMessageContaining("--state-storage-url (MAGNETAR_STATE_STORAGE_URL)"));
    }

    @Test
    void withoutTheClusterTheAdminAndClientBuilderSaySo() {
        Context context = FunctionContext.forLifecycle(resources());
        assertThatThrownBy(context::getPulsarAdmin).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Context.getPulsarAdmin").hasMessageContaining("--pulsar-admin-url");
        assertThatThrownBy(context::getPulsarClientBuilder).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Context.getPulsarClientBuilder");
    }

    @Test
    void getStateStoreReturnsTheFunctionsOwnStoreAndNullForOthersAsPulsarDoes() {
        Context context = FunctionContext.forLifecycle(resources());
        CounterStateStore own = context.getStateStore("ctx");
        assertThat(own.fqsn()).isEqualTo("public/default/ctx");
        assertThat(context.<CounterStateStore>getStateStore("public", "default", "ctx")).isNotNull();
        assertThat(context.<CounterStateStore>getStateStore("other")).isNull();
        assertThat(context.<CounterStateStore>getStateStore("public", "other", "ctx")).isNull();
    }

    @Test
    void saysSoWhenThereIsNoPulsarConnection() {
        assertThatThrownBy(() -> FunctionContext.forLifecycle(resources()).getPulsarClient())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without a Pulsar connection");
    }
}
