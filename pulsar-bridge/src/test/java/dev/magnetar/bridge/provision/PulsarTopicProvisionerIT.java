package dev.magnetar.bridge.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.SubscriptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPulsarExtension.class)
class PulsarTopicProvisionerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private EmbeddedPulsar pulsar;
    private PulsarAdmin admin;
    private PulsarTopicProvisioner provisioner;

    @BeforeEach
    void setUp(EmbeddedPulsar pulsar) {
        this.pulsar = pulsar;
        this.admin = pulsar.admin();
        this.provisioner = new PulsarTopicProvisioner(admin, true);
    }

    @Test
    void createsTenantsNamespacesTopicsAndSubscription() throws Exception {
        String tenant = "t-" + shortId();
        String otherTenant = "o-" + shortId();
        ResolvedFunction function = function(tenant, "ns", List.of("in"), otherTenant + "/results/out",
                InitialPosition.Latest);

        provisioner.ensure(function);

        assertThat(admin.tenants().getTenants()).contains(tenant, otherTenant);
        assertThat(admin.namespaces().getNamespaces(tenant)).contains(tenant + "/ns");
        assertThat(admin.topics().getList(tenant + "/ns")).contains(
                "persistent://" + tenant + "/ns/in",
                "persistent://" + tenant + "/ns/fn-DLQ");
        assertThat(admin.topics().getList(otherTenant + "/results")).contains(
                "persistent://" + otherTenant + "/results/out");
        assertThat(admin.topics().getSubscriptions("persistent://" + tenant + "/ns/in"))
                .containsExactly(function.subscriptionName());
    }

    @Test
    void createsTheLogTopicToo() throws Exception {
        String tenant = "l-" + shortId();
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant(tenant);
        spec.setNamespace("ns");
        spec.setRuntime(new RuntimeSpec(null, "/opt/fn.jar", "example.Fn"));
        spec.setInputs(List.of("in"));
        spec.setLogTopic("fn-logs");
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName("fn").build());
        function.setSpec(spec);

        provisioner.ensure(ResolvedFunction.of(function));

        assertThat(admin.topics().getList(tenant + "/ns")).contains("persistent://" + tenant + "/ns/fn-logs");
    }

    @Test
    void ensureIsIdempotentAndSafeUnderConcurrentCalls() throws Exception {
        String tenant = "t-" + shortId();
        ResolvedFunction function = function(tenant, "ns", List.of("a", "b"), "out", InitialPosition.Earliest);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.runAsync(() -> provisioner.ensure(function), pool));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        provisioner.ensure(function);

        for (String input : function.inputs()) {
            assertThat(admin.topics().getSubscriptions(input)).containsExactly(function.subscriptionName());
        }
        assertThat(admin.topics().getList(tenant + "/ns")).hasSize(4);
    }

    @Test
    void latestSkipsWhatTheTopicHeldButKeepsWhatArrivesBeforeTheFirstConsumer() throws Exception {
        String input = pulsar.uniqueTopic("latest");
        admin.topics().createNonPartitionedTopic(input);
        publish(input, "before-ensure");
        ResolvedFunction function = function("public", "default", List.of(input), null, InitialPosition.Latest);

        provisioner.ensure(function);
        publish(input, "after-1");
        publish(input, "after-2");

        await().atMost(WAIT).until(() -> provisioner.backlog(function) == 2);
        assertThat(consume(input, function.subscriptionName(), 2)).containsExactly("after-1", "after-2");
        await().atMost(WAIT).until(() -> provisioner.backlog(function) == 0);
    }

    @Test
    void earliestAlsoDeliversWhatTheTopicHeldBeforeEnsure() throws Exception {
        String input = pulsar.uniqueTopic("earliest");
        admin.topics().createNonPartitionedTopic(input);
        publish(input, "before-ensure");
        ResolvedFunction function = function("public", "default", List.of(input), null, InitialPosition.Earliest);

        provisioner.ensure(function);
        publish(input, "after-1");

        await().atMost(WAIT).until(() -> provisioner.backlog(function) == 2);
        assertThat(consume(input, function.subscriptionName(), 2)).containsExactly("before-ensure", "after-1");
    }

    @Test
    void removeSubscriptionDeletesItEvenWithAConsumerAndToleratesAbsence() throws Exception {
        String input = pulsar.uniqueTopic("remove");
        ResolvedFunction function = function("public", "default", List.of(input), null, InitialPosition.Latest);
        provisioner.ensure(function);
        Consumer<byte[]> live = pulsar.client().newConsumer().topic(input)
                .subscriptionName(function.subscriptionName()).subscriptionType(SubscriptionType.Shared).subscribe();
        try {
            provisioner.removeSubscription(function);

            assertThat(admin.topics().getSubscriptions(input)).doesNotContain(function.subscriptionName());
            provisioner.removeSubscription(function);
        } finally {
            live.closeAsync();
        }
    }

    @Test
    void backlogIsZeroForAFunctionWhoseTopicsDoNotExistAndUnknownNamespacesFailClearly() {
        ResolvedFunction absent = function("public", "default", List.of(pulsar.uniqueTopic("absent")), null,
                InitialPosition.Latest);
        assertThat(provisioner.backlog(absent)).isZero();

        PulsarTopicProvisioner strict = new PulsarTopicProvisioner(admin, false);
        ResolvedFunction elsewhere = function("nosuch-" + shortId(), "ns", List.of("in"), null, InitialPosition.Latest);
        assertThatThrownBy(() -> strict.ensure(elsewhere))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("create topic persistent://" + elsewhere.tenant() + "/ns/in")
                .hasMessageContaining("Pulsar said")
                .satisfies(e -> assertThat(((ProvisioningException) e).retryable()).isFalse());
    }

    private void publish(String topic, String value) throws Exception {
        try (Producer<byte[]> producer = pulsar.client().newProducer().topic(topic).create()) {
            producer.send(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<String> consume(String topic, String subscription, int count) throws Exception {
        List<String> values = new ArrayList<>();
        try (Consumer<byte[]> consumer = pulsar.client().newConsumer().topic(topic)
                .subscriptionName(subscription).subscriptionType(SubscriptionType.Shared).subscribe()) {
            while (values.size() < count) {
                Message<byte[]> message = consumer.receive(30, TimeUnit.SECONDS);
                assertThat(message).as("message %d of %d on %s", values.size() + 1, count, topic).isNotNull();
                values.add(new String(message.getValue(), StandardCharsets.UTF_8));
                consumer.acknowledge(message);
            }
        }
        return values;
    }

    static ResolvedFunction function(String tenant, String namespace, List<String> inputs, String output,
                                     InitialPosition position) {
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant(tenant);
        spec.setNamespace(namespace);
        spec.setRuntime(new RuntimeSpec(null, "/opt/fn.jar", "example.Fn"));
        spec.setInputs(inputs);
        spec.setOutput(output);
        spec.setSubscription(new SubscriptionSpec(null, null, position));
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName("fn").build());
        function.setSpec(spec);
        return ResolvedFunction.of(function);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
